"""Mask personal details in text kept for staff review.

Order matters: the most specific patterns (emails, SSNs, A-numbers, dates) run before the
generic phone and long-number rules, so each span is labelled by what it most likely is.
Anything that still looks like a run of 7 or more digits is masked as a number, whatever it is.

``\\d`` is Unicode-aware, so every rule also covers Arabic-Indic (٠-٩), Persian (۰-۹) and
full-width (０-９) digits. Redaction runs on every message, so every repeat is bounded or can
match a stretch of text in one way only: no input makes a rule backtrack for long.
"""

from __future__ import annotations

import re
import unicodedata

# A placeholder stands where digits or words were, so the edges of every rule treat "[" and "]"
# as they treated what was replaced: otherwise a second pass could match where the first could
# not, and redaction would not be idempotent.
_NOT_AFTER_DIGIT = r"(?<![\d\]])"
_NOT_BEFORE_DIGIT = r"(?![\d\[])"
_NOT_AFTER_WORD = r"(?<![\w\]])"
_NOT_BEFORE_WORD = r"(?![\w\[])"
# Chinese is written without spaces and Arabic-script writers often join a number to the word
# before it ("رقمي٢٠٣…", "电话2035550188"), so those letters do not count as a word edge.
_NUMBER_START = r"(?<![^\W\u0620-\u064a\u066e-\u06d3\u3400-\u9fff])(?<!\])"

# Arabic-script keyboards differ (Arabic or Persian yeh and kaf; hamza often left out), so each
# of those letters matches its look-alikes.
_LOOKALIKES = str.maketrans(
    {
        "ی": "[یيى]",
        "ي": "[یيى]",
        "ک": "[کك]",
        "ك": "[کك]",
        "ا": "[اأإآ]",
        "أ": "[اأإآ]",
        "إ": "[اأإآ]",
        "آ": "[اأإآ]",
    }
)


def _words(*groups: str) -> str:
    """One alternation of "|"-separated words; longest first so no word stops at a prefix."""
    words = {w.strip() for group in groups for w in group.split("|") if w.strip()}
    parts = (re.escape(w).translate(_LOOKALIKES).replace(r"\ ", r"\s+") for w in words)
    return "|".join(sorted(parts, key=lambda p: (-len(p), p)))


# ------------------------------------------------------------------ dates
# A written date is masked only with its year: "born 4 March 2015" identifies a child, while
# "must turn 5 by September 1" (or "1 września", "9月1号") is the kindergarten question itself,
# and "all 3 may enroll", "3 out of 5" are no dates at all.
# Month names as families write a date: genitive in Polish, Ukrainian and Russian; the Levantine,
# Egyptian and Maghrebi names in Arabic; the Afghan solar months, the Iranian ones and both
# transliterations of the Gregorian ones in Dari/Persian.
_MONTHS_EN = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_MONTHS_ES = (
    "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|"
    "noviembre|diciembre"
)
_MONTHS_PT = (
    "janeiro|fevereiro|março|marco|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro"
)
_MONTHS_FR = (
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|"
    "novembre|décembre|decembre"
)
_MONTHS_HT = (
    "janvye|fevriye|mas|avril|me|jen|jiyè|jiye|jiyèt|out|septanm|sektanm|oktòb|oktob|novanm|desanm"
)
_MONTHS_PL = (
    "styczeń|stycznia|styczniu|styczen|luty|lutego|lutym|marzec|marca|marcu|kwiecień|kwietnia|"
    "kwietniu|kwiecien|maj|maja|maju|czerwiec|czerwca|czerwcu|lipiec|lipca|lipcu|sierpień|"
    "sierpnia|sierpniu|sierpien|wrzesień|września|wrześniu|wrzesien|wrzesnia|wrzesniu|"
    "październik|października|październiku|pazdziernik|pazdziernika|pazdzierniku|listopad|"
    "listopada|listopadzie|grudzień|grudnia|grudniu|grudzien"
)
_MONTHS_UK = (
    "січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня|"
    "січень|лютий|березень|квітень|травень|червень|липень|серпень|вересень|жовтень|листопад|"
    "грудень|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
)
_MONTHS_AR = (
    "كانون الثاني|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين الأول|تشرين الثاني|"
    "كانون الأول|يناير|فبراير|مارس|أبريل|مايو|يونيو|يونيه|يوليو|يوليه|أغسطس|سبتمبر|أكتوبر|"
    "نوفمبر|ديسمبر|ماي|يوليوز|غشت|شتنبر|نونبر|دجنبر|جانفي|فيفري|أفريل|جوان|جويلية|أوت"
)
_MONTHS_FA = (
    "حمل|ثور|جوزا|سرطان|اسد|سنبله|میزان|عقرب|قوس|جدی|دلو|حوت|"
    "فروردین|اردیبهشت|خرداد|تیر|مرداد|امرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند|"
    "جنوری|فبروری|مارچ|اپریل|می|جون|جولای|اگست|سپتمبر|اکتوبر|نومبر|دسمبر|"
    "ژانویه|فوریه|آوریل|مه|ژوئن|ژوئیه|اوت|سپتامبر|اکتبر|نوامبر|دسامبر"
)
_MONTH = _words(
    _MONTHS_EN, _MONTHS_ES, _MONTHS_PT, _MONTHS_FR, _MONTHS_HT, _MONTHS_PL, _MONTHS_UK,
    _MONTHS_AR, _MONTHS_FA,
)  # fmt: skip
# Month before day: American usage, and Spanish and Portuguese written by the same families.
_MONTH_FIRST = _words(_MONTHS_EN, _MONTHS_ES, _MONTHS_PT)
_DAY = r"\d{1,2}(?:st|nd|rd|th|er|º|°|ª)?"
_YEAR = rf"\s*[,،]?\s*(?:(?:de|del|of|سنة|عام|سال)\s+)?\d{{4}}{_NOT_BEFORE_DIGIT}"
_HAN_NUMERAL = r"[\d〇零一二三四五六七八九十]"

_DATES: list[tuple[str, re.Pattern[str]]] = [
    # 03/14/2015, 14.03.2015, 14-03-15; not the middle of a longer dotted number (06.12.34.56).
    (
        "[date]",
        re.compile(
            rf"{_NOT_AFTER_DIGIT}(?<![\d\]][/.\-])"
            rf"\d{{1,2}}[/.\-]\d{{1,2}}[/.\-]\d{{2}}(?:\d{{2}})?{_NOT_BEFORE_DIGIT}(?![/.\-]\d)"
        ),
    ),
    # 2015-03-14, 2015/3/4, ۱۳۹۴/۰۱/۱۲.
    (
        "[date]",
        re.compile(
            rf"{_NOT_AFTER_DIGIT}(?<![\d\]][/.\-])"
            rf"\d{{4}}[/.\-]\d{{1,2}}[/.\-]\d{{1,2}}{_NOT_BEFORE_DIGIT}(?![/.\-]\d)"
        ),
    ),
    # 14 de marzo de 2015, le 1er mars 2016, 4 marca 2015, ١٤ آذار/مارس ٢٠١٥, ۱۲ حمل ۱۳۹۴.
    (
        "[date]",
        re.compile(
            rf"{_NOT_AFTER_DIGIT}{_DAY}(?:\.\s*|\s+)(?:(?:de|of|the)\s+)?"
            rf"(?:(?:من\s+)?(?:شهر|ماه)\s+)?(?:{_MONTH})(?!\w)\.?"
            rf"(?:\s*/\s*(?:{_MONTH})(?!\w))?{_YEAR}",
            re.IGNORECASE,
        ),
    ),
    # March 4, 2015; Dec. 1st 2016; septiembre 9, 2016.
    (
        "[date]",
        re.compile(
            rf"{_NOT_AFTER_WORD}(?:{_MONTH_FIRST})(?:\.\s*|\s+)(?:de\s+)?{_DAY}"
            rf"{_NOT_BEFORE_WORD}{_YEAR}",
            re.IGNORECASE,
        ),
    ),
    # Vietnamese: ngày 4 tháng 3 năm 2015 (the month is a number).
    (
        "[date]",
        re.compile(
            rf"(?:ng[àa]y\s*)?{_NOT_AFTER_DIGIT}\d{{1,2}}\s*th[áa]ng\s*\d{{1,2}}\s*(?:,|n[ăa]m)\s*"
            rf"\d{{4}}{_NOT_BEFORE_DIGIT}",
            re.IGNORECASE,
        ),
    ),
    # Chinese: 2015年3月4日, ２０１５年３月４号, 二〇一四年五月六日.
    (
        "[date]",
        re.compile(
            rf"{_HAN_NUMERAL}{{2,4}}\s*年\s*{_HAN_NUMERAL}{{1,2}}\s*月\s*"
            rf"{_HAN_NUMERAL}{{1,3}}\s*[日号號]"
        ),
    ),
]

# ------------------------------------------------------------------ addresses
# Street words in the order families write addresses. English puts the name before the word
# ("45 Main St"); French, Spanish, Portuguese and Vietnamese put the word right after the number
# ("12 rue de la Paix", "25 đường Lê Lợi"); the others put it first ("ul. Główna 12",
# "вул. Шевченка 5", "شارع النخيل 14", "کوچه گلها پلاک ۱۲").
_EN_STREET = (
    r"(?i:street|st\.?|avenue|ave\.?|road|rd\.?|boulevard|blvd\.?|ln\.?|dr\.?|highway|hwy\.?|"
    r"parkway|pkwy\.?|turnpike|tpke\.?|cir\.?|ter\.?)"
    # Also everyday words ("on his way", "in court"): a street only when capitalised.
    r"|Way|Court|Ct\.?|Place|Pl\.?|Lane|Drive|Circle|Square|Terrace"
)
_STREET_AFTER_NUMBER = _words(
    "rue|avenue|av.|bd|boulevard|chemin|allée|allee|impasse|calle|avenida|camino|carretera|"
    "rua|travessa|estrada|alameda|đường|duong|phố|ngõ"
)
_STREET_FIRST = _words(
    "calle|avenida|av.|camino|carretera|rua|travessa|estrada|alameda|rue|ulica|ul|ul.|aleja|"
    "al.|osiedle|os.|plac|вулиця|вул|вул.|проспект|просп.|пр.|провулок|пров.|бульвар|бул.|"
    "площа|улица|ул.|شارع|سرک|کوچه|جاده|خیابان"
)
# A street word then a count is no address: families write "nos quedamos en la calle hace 3
# meses", "dans la rue depuis 2 mois", "ficamos na rua com 2 filhos" when they lose their home.
_COUNTED = _words(
    "years|months|weeks|days|hours|minutes|kids|children|people|times|miles|blocks|km|"
    "años|año|meses|mes|semanas|días|dias|día|dia|horas|minutos|hijos|hijas|niños|niñas|personas|"
    "veces|cuadras|millas|anos|ano|mês|filhos|filhas|crianças|pessoas|vezes|quarteirões|"
    "ans|an|mois|semaines|jours|heures|enfants|personnes|fois|lane|jou|èdtan|pitit|timoun|"
    "lat|lata|rok|miesięcy|miesiące|miesiąc|tygodni|tygodnie|dni|godzin|minut|dzieci|osób|razy|"
    "років|роки|рік|місяців|місяці|тижнів|днів|дні|годин|хвилин|дітей|діти|разів|"
    "лет|года|месяцев|недель|дней|детей|раз|"
    "سنوات|سنة|سنين|شهور|أشهر|شهر|أسابيع|أيام|يوم|ساعات|أطفال|ولاد|أولاد|مرات|"
    "سال|ماه|هفته|روز|ساعت|طفل|اطفال|بچه|فرزند|نفر|بار"
)
# Flat, apartment and unit numbers that follow a street address.
_UNIT = _words(
    "apt|apt.|apartment|unit|suite|ste|ste.|apto|apto.|apartamento|depto|depto.|departamento|"
    "appartement|appt|appt.|app.|m.|mieszkanie|mieszkania|lok.|кв|кв.|квартира|شقة|واحد|پلاک|"
    "căn hộ|phòng|#"
)
_UNIT_TAIL = rf"(?:[,،]?\s*(?i:{_UNIT})\s*#?\s*\d{{1,5}}[A-Za-z]?{_NOT_BEFORE_DIGIT})?"
_CAPITAL = "A-ZÀ-ÖØ-ÞĐŁŚŻŹĆŃŒŠŽƠƯ"
_NAME = rf"[{_CAPITAL}0-9][\w'.-]*"  # Main, North, O'Neil, 1st
_WORD = r"[^\W\d_][\w'.-]*"
# "de la Paix", "Victor Hugo", "Lê Lợi": capitalised words and the small words between them.
_NAME_AFTER = (
    rf"(?:\s+(?:(?:de|del|la|las|los|el|da|das|do|dos|du|des|le|les)\s+|[dl]['’]){{0,3}}"
    rf"(?!(?i:{_UNIT})\b)[{_CAPITAL}][\w'.-]*){{0,4}}"
)
_HOUSE = r"\d{1,6}"

_ADDRESSES: list[tuple[str, re.Pattern[str]]] = [
    # 45 Main St, 1200 Martin Luther King Blvd Apt 4B, 58 oak st: one lower-case word at most,
    # so "2 kids cross the street" stays.
    (
        "[address]",
        re.compile(
            rf"{_NUMBER_START}{_HOUSE}(?:-?[A-Za-z])?{_NOT_BEFORE_WORD},?\s+"
            rf"(?:(?:{_NAME}\s+){{1,3}}|{_WORD}\s+)(?:{_EN_STREET}){_NOT_BEFORE_WORD}{_UNIT_TAIL}"
        ),
    ),
    # 12 rue de la Paix, 120 Calle Sol Apt 3, 5, avenue Victor Hugo, số 25 đường Lê Lợi.
    (
        "[address]",
        re.compile(
            rf"{_NUMBER_START}{_HOUSE}(?:-?[A-Za-z]|\s?bis|\s?ter)?{_NOT_BEFORE_WORD},?\s+"
            rf"(?i:{_STREET_AFTER_NUMBER})(?:(?<=\.)|{_NOT_BEFORE_WORD})(?!\s+d[âa]y\b)"
            rf"{_NAME_AFTER}{_UNIT_TAIL}"
        ),
    ),
    # ul. Główna 12 m. 4, Rua das Flores, 45, вул. Шевченка 5, кв. 12, کوچه گلها پلاک ۱۲;
    # not "la calle 2 veces" nor "2-1-1".
    (
        "[address]",
        re.compile(
            rf"{_NOT_AFTER_WORD}(?i:{_STREET_FIRST})(?:(?<=\.)\s*|\s+)(?:{_WORD}[,،]?\s+){{0,4}}"
            rf"{_HOUSE}(?:/\d{{1,4}})?[A-Za-z]?{_NOT_BEFORE_DIGIT}(?![.\-]\d)"
            rf"(?!\s*(?i:{_COUNTED})(?!\w)){_UNIT_TAIL}"
        ),
    ),
    # Vietnamese "đường" is also "way" and "line" ("trên đường đi học", "đường dây nóng"), so a
    # street named after it is one only in capitals: "đường Trần Hưng Đạo 14".
    (
        "[address]",
        re.compile(
            rf"{_NOT_AFTER_WORD}(?i:đường|duong)\s+(?:[{_CAPITAL}][\w'.-]*\s+){{1,4}}"
            rf"(?:(?i:số)\s+)?{_HOUSE}{_NOT_BEFORE_DIGIT}{_UNIT_TAIL}"
        ),
    ),
    # Chinese has no spaces: "主街45号", "榆树路12号3室"; the street name stops at common words
    # so "我们住在" (we live at) stays readable. A number sign is required: "知道3个" is no street.
    (
        "[address]",
        re.compile(
            r"(?:(?![我你他她们住在是的了到从于和址：:])[\u4e00-\u9fff]){1,10}"
            r"(?:大道|街|路|道|巷|弄)\s*\d{1,6}\s*[号號](?:\s*\d{1,5}\s*[室楼樓])?"
        ),
    ),
    # The state and ZIP code after a Connecticut address: "Hartford CT 06105".
    (
        "[address]",
        re.compile(
            rf"{_NOT_AFTER_WORD}(?:CT|Ct|Conn\.?|Connecticut),?\s+0\d{{4}}(?:-\d{{4}})?"
            rf"{_NOT_BEFORE_DIGIT}"
        ),
    ),
]

# ------------------------------------------------------------------ identifiers
# Words that say the nine digits after them are a Social Security number, in each language.
_SSN_WORDS = _words(
    "ssn|social security|seguro social|seguridad social|seguridade social|sécurité sociale|"
    "securite sociale|sekirite sosyal|ubezpieczenia społecznego|"
    "ubezpieczenia spolecznego|an sinh xã hội|an sinh xa hoi|соціального страхування|"
    "социального страхования|الضمان الاجتماعي|تامین اجتماعی|تأمین اجتماعی|سوشل سکیوریتی|"
    "سوشیال سکیوریتی|社会安全号|社会安全|社安号|社会保障号|社會安全"
)
# A phone number's digits, one by one or an area code in brackets, and what may stand between:
# a bracket is part of the number only when it closes, so "(860-713-6966, toll-free)" keeps "(".
_PHONE_DIGIT = r"(?:\d|[(（]\d{1,5}[)）])"
_PHONE_SEP = r"(?:\s?[.\-－–]\s?|\s)"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # The local part stops at Chinese characters, so "邮箱wang.li@example.com" keeps "邮箱", and
    # starts only where a run of its characters starts, so a long run without "@" costs one scan.
    (
        "[email]",
        re.compile(
            r"(?<![A-Za-z0-9\u00c0-\u024f._%+-])[A-Za-z0-9\u00c0-\u024f._%+-]+"
            r"@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
        ),
    ),
    (
        r"\g<lead>[a-number]",
        re.compile(
            rf"(?P<lead>{_NOT_AFTER_WORD}(?i:a[-\s]?number|alien\s+(?:registration\s+)?number|"
            rf"uscis\s+number)\s*[:#.]?\s*)\d(?:[-\s]?\d){{7,8}}{_NOT_BEFORE_DIGIT}"
        ),
    ),
    # A123456789, A-123-456-789, A# 123 456 789, A 12345678; a Cyrillic or full-width A from a
    # Ukrainian or Chinese keyboard too. A lower-case "a" only when joined to the digits: Spanish
    # "llame a 5555 0123" is a phone number.
    (
        "[a-number]",
        re.compile(
            r"(?<![A-Za-z\u00c0-\u024f\u0400-\u04ff\]])(?:[AАＡ](?:\s?[-#№:]\s?|\s)?|a[-#]?)"
            rf"\d(?:[-\s]?\d){{7,8}}{_NOT_BEFORE_DIGIT}"
        ),
    ),
    # Nine digits right after the words for SSN ("seguro social: 123456789") keep the words.
    (
        r"\g<lead>[ssn]",
        re.compile(
            rf"(?P<lead>{_NUMBER_START}(?i:{_SSN_WORDS})[^\d\[\].?!;\n]{{0,25}}?)"
            rf"\d(?:[-\s.]?\d){{8}}{_NOT_BEFORE_DIGIT}"
        ),
    ),
    (
        "[ssn]",
        re.compile(rf"{_NOT_AFTER_DIGIT}\d{{3}}[-\s.]\d{{2}}[-\s.]\d{{4}}{_NOT_BEFORE_DIGIT}"),
    ),
    *_DATES,
    # +1 (203) 555-0142, +55 (11) 90000-1234, 06 39 98 12 34, ０１０－１２３４: 7 to 15 digits.
    (
        "[phone]",
        re.compile(
            rf"{_NUMBER_START}(?<!\+)(?:\+\s?)?{_PHONE_DIGIT}(?:{_PHONE_SEP}?{_PHONE_DIGIT}){{6,14}}"
            rf"{_NOT_BEFORE_DIGIT}"
        ),
    ),
    *_ADDRESSES,
    ("[number]", re.compile(r"\d(?:[\s.\-－]?\d){6,}")),
]


def redact(text: str) -> str:
    # Vietnamese and other keyboards may send decomposed letters; the patterns are composed.
    text = unicodedata.normalize("NFC", text)
    for label, pattern in _PATTERNS:
        text = pattern.sub(label, text)
    return text
