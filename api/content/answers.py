"""The English source text of every answer and interface string.

This module is the gettext source: ``make locales`` extracts it into ``locales/messages.pot``.
Each answer follows ``content/topics.yml``: every ``must_convey`` fact, nothing under
``avoid``, nothing from ``unconfirmed`` stated as fact. Keep each under about 600 characters
with its footer, because families read these on a phone.

Placeholders (python-format, filled per district by ``api.language.render``):
  %(district)s      the district's name, or "your school district"
  %(liaison)s       the district's family liaison with phone, or a generic description
  %(admin)s         the school's designated administrator (Public Act 25-1), likewise
  %(registration)s  the district's registration office, likewise
  %(now_phone)s     a phone a person answers now: the liaison's, else CT 2-1-1
  %(operator)s      who runs this service
  %(retention)s     how long messages are kept (a plural message)
  %(directory)s     the district's confirmed contacts, or a pointer to CT 2-1-1
  %(languages)s     the supported languages, each in its own script
"""

from __future__ import annotations

from api.language.markers import N_, NP_

ANSWERS: dict[str, str] = {
    # ------------------------------------------------------------------ enrollment
    "enroll_regardless_of_status": N_(
        "utter_enroll_regardless_of_status",
        "Yes. Every child has the right to a free public K-12 education, whatever the child's "
        "or the parents' immigration status (U.S. Supreme Court, Plyler v. Doe). Connecticut "
        "law and the state education department's January 2025 guidance say the same: the "
        "right to attend public school is protected regardless of immigration status. "
        "Enrollment depends on where your child lives and their age, not on immigration "
        "status.",
    ),
    "enrollment_documents_checklist": N_(
        "utter_enrollment_documents_checklist",
        "Registration usually asks for proof of address, proof of age, immunization and "
        "health records, and previous school records, but each district sets its own exact "
        "list: ask %(registration)s. Districts must accept a variety of documents and apply "
        "the same rules to every child. No immigration documents, Social Security number, "
        "visa papers or proof of citizenship can be required. Homeless children, including "
        "families doubled up with others, must be enrolled right away even without the usual "
        "documents.",
    ),
    "ssn_not_required": N_(
        "utter_ssn_not_required",
        "No, a Social Security number is not required. A district may ask for one, but it "
        "must tell you that giving it is voluntary and how it will be used, and it may not "
        "refuse enrollment if you leave it blank. In Connecticut, families of multilingual "
        "learners have a legal right to enroll without one. Many Connecticut districts' "
        "policy says staff will not require students to apply for or supply a Social Security "
        "number for any purpose.",
    ),
    "proof_of_age_birth_certificate": N_(
        "utter_proof_of_age_birth_certificate",
        "Districts may ask for proof of age, but they may not bar a child for having no birth "
        "certificate or a foreign one. Other proof of age can include a passport (foreign "
        "passports too), a religious, hospital or doctor's certificate showing the date of "
        "birth, a family bible entry, an adoption record, previous school records, or an "
        "affidavit from a parent. Each district decides which documents it accepts, so ask "
        "%(registration)s, including whether a translation is needed.",
    ),
    "proof_of_residency": N_(
        "utter_proof_of_residency",
        "Districts may ask for proof that you live in town, and many documents can serve: "
        "phone or water bills, a lease, an affidavit or others. The rules must be the same for "
        "every child and cannot require proof of citizenship; a parent's state ID or driver's "
        "license may be accepted but not required. No lease or bills in your name? Ask "
        "%(registration)s about a residency affidavit. Families sharing housing after losing "
        "their home or because of hardship may count as homeless under McKinney-Vento, which "
        "means immediate enrollment. If enrollment is denied over residency, you have a right "
        "to a hearing.",
    ),
    "living_with_relatives_or_friends": N_(
        "utter_living_with_relatives_or_friends",
        "In Connecticut, a child living with a relative or a family friend gets free school "
        "in that town when the arrangement is meant to be permanent, is without pay, and is "
        "not only for going to school. Connecticut school-law counsel says a district rule "
        "requiring court guardianship papers for such a child is inconsistent with state law. "
        "If the child lives with you because the family lost its housing, McKinney-Vento "
        "protections may apply. A parent can also name a standby guardian, which can help the "
        "caregiver with medical consent and school decisions.",
    ),
    "school_asks_immigration_status": N_(
        "utter_school_asks_immigration_status",
        "Connecticut schools have no obligation to collect or keep the immigration status of "
        "students or their families. Federal guidance says districts should not ask about a "
        "student's or parent's citizenship or immigration status to establish residency. Many "
        "Connecticut districts' policy says staff will not ask about or record immigration "
        "status, or require papers such as a green card, at registration or any other time. "
        "Some forms ask for country of birth or when your child first went to a U.S. school; "
        "you can ask the registrar why a question is asked.",
    ),
    "immunization_health_records": N_(
        "utter_immunization_health_records",
        "Connecticut children must be up to date on vaccines to enroll, but a child can start "
        "while catching up if they got a dose of each overdue vaccine in the month before "
        "starting and stay on the catch-up schedule. New students can be exempted only for "
        "medical reasons: the religious exemption was repealed on April 28, 2021. The school "
        "nurse or a doctor can review vaccine records from another country. The town pays for "
        "required vaccines if parents cannot. Homeless students are enrolled right away, even "
        "without records, and helped to get them. CT 2-1-1 can point you to clinics.",
    ),
    "age_limits_kindergarten": N_(
        "utter_age_limits_kindergarten",
        "Since 2024-25, a child must turn 5 on or before September 1 to start kindergarten "
        "automatically; a younger child may be admitted after a written parent request to the "
        "principal and a developmental assessment. Public school is free for every child under "
        "21 who has not graduated, so a 19- or 20-year-old without a diploma can still attend. "
        "Special education can continue through the end of the school year in which the "
        "student turns 22, or until a regular diploma. Older newcomers can also ask "
        "%(district)s about adult education.",
    ),
    "midyear_enrollment_placement": N_(
        "utter_midyear_enrollment_placement",
        "Yes. A child can enroll at any time of the school year; where the child lives and "
        "their age are what count. The district decides the grade and may use records, "
        "assessments and age. Missing school records cannot hold up enrollment for homeless "
        "students. Multilingual learners are screened for English through a home-language "
        "survey and get an orientation in their home language. Ask %(registration)s how "
        "placement works there.",
    ),
    "enrollment_denied_residency_hearing": N_(
        "utter_enrollment_denied_residency_hearing",
        "If a school board denies schooling, including over residency, it must tell you in "
        "writing about your right to a hearing. It must hold the hearing within 10 days of "
        "your written request and decide within 10 days after it; you can appeal to the State "
        "Board of Education. Your child can generally keep attending while this runs. Refusing "
        "enrollment because of immigration status or a missing Social Security number is not "
        "allowed. Help: the state education department (CSDE, portal.ct.gov/SDE), the "
        "district's homeless liaison, and for discrimination CHRO (860-541-3400) or the U.S. "
        "Office for Civil Rights (ocrcas.ed.gov).",
    ),
    "homeless_doubled_up": N_(
        "utter_homeless_doubled_up",
        "Children without a fixed, regular and adequate place to sleep at night may qualify "
        "as homeless under the federal McKinney-Vento Act. That includes families doubled up "
        "with others after losing housing or because of hardship, and those in motels, "
        "shelters or cars. These children must be enrolled right away, even without the usual "
        "records. They can stay in their school of origin, with transportation, and every "
        "district has a homeless liaison to contact. Immigration status does not matter for "
        "these protections.",
    ),
    "unaccompanied_minor_sponsor": N_(
        "utter_unaccompanied_minor_sponsor",
        "Unaccompanied children released to a sponsor have the same right to enroll as any "
        "other child, and sponsors should enroll them right away. In Connecticut, a child "
        "living with someone who is not a parent can enroll under the rule for children "
        "living with relatives or friends. McKinney-Vento may also apply: for an "
        "unaccompanied youth, a missing guardian or missing guardianship papers cannot delay "
        "enrollment. Papers from immigration court are not needed to enroll in school. For "
        "the child's immigration case, talk to legal aid.",
    ),
    # ------------------------------------------------------------------ privacy
    "school_shares_info_with_ice": N_(
        "utter_school_shares_info_with_ice",
        "Student records, including student and family names and addresses, are protected "
        "by the federal privacy law FERPA, and any outside request for student information is "
        "subject to it. A school generally needs a parent's written consent, a court order or "
        "a lawfully issued subpoena to release records, and usually must try to tell the "
        "parent first. Connecticut schools are not required to collect immigration status, so "
        "many do not have it. Each school's designated administrator handles requests from "
        "immigration authorities with the district's lawyer. Opting out of directory "
        "information limits routine release of items like your address and phone.",
    ),
    "ferpa_rights_records": N_(
        "utter_ferpa_rights_records",
        "Under FERPA you can inspect and review your child's education records and ask the "
        "school to amend them (you can ask for a change; the school does not have to delete "
        "anything). The school generally needs your consent before sharing records, with "
        "listed exceptions such as school officials, a transfer to another school, health or "
        "safety emergencies, and court orders or subpoenas. These rights pass to the student "
        "at age 18. Your district sends an annual notice of FERPA rights. FERPA complaints go "
        "to the U.S. Department of Education's Student Privacy Policy Office.",
    ),
    "directory_info_opt_out": N_(
        "utter_directory_info_opt_out",
        "Districts may release items they call “directory information” without consent "
        "unless you opt out; it can include name, address, phone, email, photo, date and "
        "place of birth and grade. Each district picks its own list and must tell parents the "
        "items, that they may refuse, and the deadline. Opting out in writing by that "
        "deadline is the only way to stop these releases. Ask the front office for the "
        "opt-out form; it may also cover military-recruiter or yearbook lists. Opting out "
        "does not affect enrollment or services.",
    ),
    "school_police_sro": N_(
        "utter_school_police_sro",
        "Connecticut's Trust Act limits when Connecticut police, including school police and "
        "security departments, may help ICE with civil immigration detainers. Under it, an "
        "ICE administrative warrant counts as one issued by a federal immigration agent, not "
        "one signed by a judge. FERPA limits which school records a school resource officer "
        "can get without your consent, unless the officer counts as a school official with a "
        "legitimate educational interest. Arrangements with police and SROs vary, so ask "
        "%(district)s.",
    ),
    # ------------------------------------------------------------------ enforcement
    "ice_at_school_procedure": N_(
        "utter_ice_at_school_procedure",
        "Every Connecticut public school has at least one designated administrator (required "
        "by April 1, 2025) who deals with immigration officers; teachers and other staff send "
        "officers to that person. The protocol: check the officer's ID (name and badge number, "
        "or a business card), ask for a warrant signed by a judge rather than only an "
        "administrative warrant, and consult the district's lawyer. Many districts say they "
        "will call the parent right away if a specific student is named. District staff will "
        "not physically interfere with officers. Keep your emergency contacts at school up to "
        "date.",
    ),
    "can_ice_enter_school": N_(
        "utter_can_ice_enter_school",
        "On January 21, 2025, DHS rescinded the 2021 “protected areas” policy that "
        "discouraged enforcement at schools and bus stops, so no federal policy now flatly "
        "bars it; agents use supervisory discretion. Officers may enter public areas like "
        "lobbies or parking lots; non-public areas generally need a judge's warrant or "
        "consent, except in emergencies. Connecticut schools respond under Public Act 25-1 "
        "(designated administrator, ID check, judge-signed warrant, district lawyer). "
        "Connecticut, like New York, Massachusetts, New Jersey and California, says schools "
        "remain places where every child is welcome to learn.",
    ),
    "warrant_types": N_(
        "utter_warrant_types",
        "A judicial warrant is signed by a judge or magistrate and names a court, such as a "
        "United States District Court. An ICE administrative warrant (Form I-200 for arrest, "
        "Form I-205 for removal) is signed by an immigration officer, not a judge; "
        "Connecticut's Trust Act defines it that way. Connecticut school protocols require "
        "asking for a judge-signed warrant and sending any document to the district's legal "
        "counsel, who decides whether a particular document must be obeyed. I can't tell you "
        "whether a specific document is genuine.",
    ),
    "district_contact_person": N_(
        "utter_district_contact_person",
        "Each Connecticut public school has a designated administrator for contacts with "
        "immigration authorities. You can also ask the principal, the district's family or "
        "community liaison, the multilingual-learner (English learner) office or the homeless "
        "liaison. %(directory)s",
    ),
    "bus_stops_transportation": N_(
        "utter_bus_stops_transportation",
        "Your child's eligibility for school transportation does not depend on immigration "
        "status. School bus stops were listed as protected areas under a 2021 federal (DHS) "
        "policy, but that policy was rescinded in January 2025. Some Connecticut districts' "
        "procedures also cover transportation routes and school activities, for example "
        "Bridgeport's. Families can agree on a plan for who meets the child, and keep the "
        "school's emergency contacts current.",
    ),
    "field_trips_events": N_(
        "utter_field_trips_events",
        "Taking part in field trips and school events cannot depend on immigration status. "
        "District protocols may also cover school activities. For trips involving airports, "
        "federal buildings or border areas, you can ask the school about ID requirements and "
        "alternatives. Questions about your own risk are for an immigration attorney; whether "
        "your child goes is your family's decision.",
    ),
    # ------------------------------------------------------------------ preparedness
    "emergency_contacts_update": N_(
        "utter_emergency_contacts_update",
        "Keep your child's emergency contacts current with the school, and add trusted adults "
        "who can pick your child up. Emergency contact details are school records protected "
        "by FERPA. Schools release children only to adults authorized under district policy, "
        "so ask the school what ID is needed at pickup. The school's front office or "
        "%(district)s can update your contacts.",
    ),
    "family_preparedness_plan": N_(
        "utter_family_preparedness_plan",
        "Connecticut's free Family Preparedness Plan (portal.ct.gov/FamilyPreparedness) "
        "helps you pick a trusted adult, complete a Standby Guardian Designation, write a "
        "child-care plan and keep documents safe, with no lawyer or court needed. It is in "
        "Arabic, English, French, Haitian Creole, Mandarin Chinese, Polish, Portuguese, "
        "Spanish and Vietnamese. A standby guardian designation needs two witnesses, lasts one "
        "year, and needs both parents' consent if both are living (unless one parent's rights "
        "were terminated or removed). Children born in the U.S. are U.S. citizens. Beware of "
        "scams: use only licensed attorneys or accredited representatives.",
    ),
    "parent_detained_pickup": N_(
        "utter_parent_detained_pickup",
        "I'm sorry this is happening. Call the school right away to say who will pick your "
        "child up. The school releases the child to an authorized adult on the emergency "
        "contact list or named in a standby guardian designation; a designation takes effect "
        "on the event it names, such as a parent's detention. For legal help, call CT 2-1-1 "
        "or see ctlawhelp.org (“Protecting Your Children If You are Detained or Deported”).",
    ),
    "attendance_fear_keep_home": N_(
        "utter_attendance_fear_keep_home",
        "Your worry is understandable, and the decision is yours. Connecticut's state "
        "guidance says schools are places for learning where every student should feel "
        "welcome and protected. The principal or %(liaison)s can hear your concerns and "
        "explain the school's protocol for immigration officers. Remote or online learning "
        "options vary by district, so ask %(district)s what it offers.",
    ),
    # ------------------------------------------------------------------ services
    "school_meals": N_(
        "utter_school_meals",
        "Students who meet the criteria get free breakfast and lunch regardless of "
        "immigration status, and whether or not the family has Social Security numbers. "
        "Children in households that get SNAP, TANF or FDPIR are automatically eligible for "
        "free meals. Some schools serve free meals to all students (Community Eligibility). "
        "For questions about whether applying could affect a green card (public charge), talk "
        "to legal aid, for example through CT 2-1-1 or ctlawhelp.org.",
    ),
    "english_learner_services": N_(
        "utter_english_learner_services",
        "Schools must identify English learners, through a home-language survey and "
        "screening, and give them language support so they can take part fully; federal law "
        "(Title VI and the EEOA) still requires this. A Connecticut school with 20 or more "
        "students who share a dominant non-English language must offer a bilingual program. "
        "Connecticut's Multilingual Learner Parent Bill of Rights gives you written notice in "
        "English and your language, an orientation in your language, progress reports, equal "
        "access to grade-level programs and yearly English testing. Immigration status does "
        "not affect these services. Questions about declining services go to %(district)s.",
    ),
    "special_education": N_(
        "utter_special_education",
        "Special education depends on disability, not immigration status. You can ask the "
        "school in writing for an evaluation. In Connecticut the team that plans special "
        "education is the PPT (Planning and Placement Team). Eligibility lasts through the end "
        "of the school year in which the student turns 22, or until a regular diploma. Parents "
        "of multilingual learners can get an interpreter for PPT/IEP meetings. Help: the CSDE "
        "Special Education Call Center, 860-713-6966 (English and Spanish), and CPAC, the "
        "Connecticut Parent Advocacy Center.",
    ),
    "interpreter_translation": N_(
        "utter_interpreter_translation",
        "In Connecticut, parents of multilingual learners have a right to translation (an "
        "in-person, phone or online interpreter, or a state-approved app) during critical "
        "interactions with teachers and administrators. Since 2024-25, districts with "
        "bilingual or English-as-a-new-language programs must give parents the parent bill of "
        "rights in their main language and post it online. Federal law (Title VI) still "
        "applies, though detailed 2015 federal guidance, including its warning against using "
        "children as interpreters, was rescinded in August 2025. Ask the school for an "
        "interpreter in advance; if that fails, complain to %(district)s, then to CSDE.",
    ),
    "mental_health_support": N_(
        "utter_mental_health_support",
        "Schools have counselors, social workers and psychologists, and you can ask the "
        "school for support for your child. In a crisis, call or text 988 (Suicide & Crisis "
        "Lifeline) or dial 2-1-1, which runs crisis services in Connecticut. Counseling "
        "records are generally education records protected by FERPA, but confidentiality "
        "rules vary, so ask the counselor how they handle what your child shares.",
    ),
    "bullying_national_origin": N_(
        "utter_bullying_national_origin",
        "Connecticut's bullying law covers acts based on a real or perceived trait such as "
        "national origin, race, color, religion or ancestry. Every district has a safe school "
        "climate plan and coordinator, and you can report bullying to the school. "
        "Discrimination based on national origin, which can include language, may violate "
        "federal law (Title VI). Outside help: the CSDE bullying and discrimination line "
        "860-713-6805, CHRO 860-541-3400, and the U.S. Office for Civil Rights (ocrcas.ed.gov) "
        "within 180 days.",
    ),
    # ------------------------------------------------------------------ higher education
    "college_in_state_tuition_aid": N_(
        "utter_college_in_state_tuition_aid",
        "Students without legal immigration status qualify for in-state tuition at "
        "Connecticut public colleges (UConn, CSCU, Charter Oak) if they live in Connecticut, "
        "completed at least two years of high school in Connecticut, graduated from a "
        "Connecticut high school or the equivalent, are registered or enrolled at a "
        "Connecticut public college, and file an affidavit of intent to legalize when "
        "eligible. DACA is not required. Since 2018, eligible students without legal status "
        "may receive institutional financial aid at Connecticut public colleges.",
    ),
    "daca_basics": N_(
        "utter_daca_basics",
        "DACA is not needed to attend K-12 public school. As of 2025 court rulings, DACA "
        "renewals continue nationwide, first-time requests can be filed but are not being "
        "approved, and work authorization in Texas is affected. This changes often: check "
        "uscis.gov/DACA for the current status, and talk to a licensed immigration attorney "
        "about your own situation.",
    ),
    # ------------------------------------------------------------------ help
    "file_complaint": N_(
        "utter_file_complaint",
        "Start with the principal or %(district)s: the superintendent, the Title VI/IX "
        "coordinator or the safe school climate coordinator. CSDE can help through its "
        "bullying and discrimination line (860-713-6805) and Special Education Call Center "
        "(860-713-6966); residency decisions can be appealed to the State Board of Education. "
        "CHRO takes discrimination complaints: 860-541-3400, toll-free in CT 1-800-477-5737. "
        "The U.S. Office for Civil Rights takes complaints online at ocrcas.ed.gov within 180 "
        "days (its Boston office, which served Connecticut, was reported closed in March "
        "2025). FERPA complaints go to the U.S. Department of Education's student privacy "
        "office.",
    ),
    "know_your_rights_legal_help": N_(
        "utter_know_your_rights_legal_help",
        "Everyone has basic rights, including the right to remain silent and protection "
        "against unreasonable searches. For your own situation, talk to a licensed "
        "immigration attorney or accredited representative; find one through CT 2-1-1, "
        "ctlawhelp.org, or the legal-services list in the CT Family Preparedness Plan "
        "(portal.ct.gov/FamilyPreparedness). Beware of notario fraud: the state toolkit "
        "explains how to avoid scams.",
    ),
    "bot_privacy": N_(
        "utter_bot_privacy",
        "This assistant is run by %(operator)s. It is not connected to any immigration or "
        "law-enforcement agency. It does not ask for, or need, names, addresses or "
        "immigration status, so please don't share those here. %(retention)s You can delete "
        "your conversation at any time by sending the word DELETE.",
    ),
    # ------------------------------------------------------------------ conversation
    "greeting": N_(
        "utter_greeting",
        "Hello! I answer questions from families about public school in Connecticut: "
        "enrolling your child, privacy of school records, what schools do about immigration "
        "enforcement, and services like meals and English classes. I give general "
        "information, not legal advice. Write in your own language, or choose one below.",
    ),
    "goodbye": N_(
        "utter_goodbye",
        "Take care. If you need help later, call CT 2-1-1 (free, 24/7, many languages) or "
        "contact %(liaison)s.",
    ),
    "thanks": N_(
        "utter_thanks",
        "You're welcome! Is there anything else I can help you with?",
    ),
    "ask_human": N_(
        "utter_ask_human",
        "I have passed your question to the staff who review this service. To talk to a "
        "person: %(human)s CT 2-1-1 is free, confidential, multilingual and open 24/7. In an "
        "emergency call 911; in a mental-health crisis call or text 988.",
    ),
    "change_language": N_(
        "utter_change_language",
        "I can answer in: %(languages)s. Choose one below or write in it. For another "
        "language, ask %(district)s for a phone interpreter, or call CT 2-1-1.",
    ),
    "out_of_scope": N_(
        "utter_out_of_scope",
        "Sorry, I can't help with that one. I answer questions about public school in "
        "Connecticut: enrolling, school records and privacy, immigration enforcement and "
        "schools, and school services. For other services call CT 2-1-1; for an immigration "
        "case, talk to legal aid (ctlawhelp.org).",
    ),
}

# Appended to answers by topic group; see api.language.render.
FOOTER_HELP = N_(
    "footer.help",
    "Help: %(liaison)s, or CT 2-1-1 (free, 24/7, many languages).",
)
FOOTER_ENFORCEMENT = N_(
    "footer.enforcement",
    "Help: %(admin)s or %(liaison)s; CT 2-1-1 (24/7); legal aid for your own case: ctlawhelp.org.",
)
FOOTER_NOW = N_(
    "footer.now",
    "Happening right now? Call %(now_phone)s; in an emergency, 911.",
)

# Placeholder values, with and without a configured district.
PH_DISTRICT = N_("ph.district", "your school district")
PH_LIAISON = N_("ph.liaison", "the family liaison (%(phone)s)")
PH_LIAISON_NONE = N_("ph.liaison_none", "your district's family liaison")
PH_ADMIN = N_("ph.admin", "the designated administrator (%(phone)s)")
PH_ADMIN_NONE = N_("ph.admin_none", "your school's designated administrator")
PH_REGISTRATION = N_("ph.registration", "the registration office (%(phone)s)")
PH_REGISTRATION_NONE = N_("ph.registration_none", "your district's registration office")
PH_NOW_PHONE_NONE = N_("ph.now_phone_none", "CT 2-1-1")
PH_OPERATOR = N_("ph.operator", "the school district or organisation that runs this website")
PH_HUMAN = N_("ph.human", "call %(who)s.")
PH_HUMAN_HOURS = N_("ph.human_hours", "call %(who)s (%(hours)s).")
PH_HUMAN_NONE = N_("ph.human_none", "call CT 2-1-1 and ask for help with your school.")
PH_DIRECTORY = N_("ph.directory", "For %(name)s: %(contacts)s.")
PH_DIRECTORY_NONE = N_(
    "ph.directory_none",
    "I don't have your district's phone numbers, so please call CT 2-1-1 for the right contact.",
)
PH_DIR_LIAISON = N_("ph.dir.liaison", "family liaison %(phone)s")
PH_DIR_ADMIN = N_("ph.dir.admin", "designated administrator %(phone)s")
PH_DIR_REGISTRATION = N_("ph.dir.registration", "registration office %(phone)s")
PH_RETENTION = NP_(
    "ph.retention",
    "Messages are kept for at most %(num)d day, with personal details masked, so staff can "
    "improve answers.",
    "Messages are kept for at most %(num)d days, with personal details masked, so staff can "
    "improve answers.",
)

# Interface strings.
UI_BOT_UNAVAILABLE = N_(
    "ui.bot_unavailable",
    "Sorry, I could not answer right now. Your question has been saved for the staff who "
    "review this service. For help now, call CT 2-1-1 (free, 24/7, many languages).",
)
UI_HANDOFF = N_(
    "ui.handoff",
    "I have passed this to the staff who review this service. To talk to a person now: "
    "%(human)s In an emergency, call 911.",
)
UI_SOURCES = N_("ui.sources", "Sources (general information, not legal advice): %(sources)s")
UI_SOURCES_NONE = N_(
    "ui.sources_none", "Ask me a question first, and then I can list the sources for my answer."
)
UI_DELETED = N_(
    "ui.deleted",
    "Your conversation has been deleted. If you write again, it starts a new conversation.",
)
UI_RATE_LIMITED = N_(
    "ui.rate_limited", "You are sending messages very fast. Please wait a minute and try again."
)
UI_LANGUAGE_UNSUPPORTED = N_(
    "ui.language_unsupported",
    "I can't answer in that language yet, so I am answering in English. An interpreter is "
    "available free through your school or by calling CT 2-1-1.",
)
BUTTON_SOURCES = N_("button.sources", "Sources")
BUTTON_PERSON = N_("button.person", "Talk to a person")

# Words a family sends to erase its conversation and to ask for sources. The catalog holds
# each language's words, separated by "|", so adding a language needs no code.
WORDS_DELETE = N_("words.delete", "delete|erase|delete my data")
WORDS_SOURCES = N_("words.sources", "sources|source|sources?|source?")

# Short titles for the topics offered when the assistant could not help.
SUGGESTED_TOPICS: dict[str, str] = {
    "enroll_regardless_of_status": N_(
        "title.enroll_regardless_of_status", "Enrolling without papers"
    ),
    "ice_at_school_procedure": N_("title.ice_at_school_procedure", "If ICE comes to school"),
    "school_shares_info_with_ice": N_(
        "title.school_shares_info_with_ice", "Privacy of school records"
    ),
    "ask_human": N_("title.ask_human", "Talk to a person"),
}
UI_LANGUAGE_SWITCHED = N_("ui.language_switched", "OK, I will answer in English from now on.")

# SMS and WhatsApp.
WORDS_STOP = N_("words.stop", "stop|stopall|unsubscribe|cancel|end|quit")
WORDS_START = N_("words.start", "start|unstop|yes")
WORDS_HELP = N_("words.help", "help|info")
SMS_STOPPED = N_(
    "sms.stopped",
    "You will not get any more messages from this number. Send START to start again.",
)
SMS_STARTED = N_(
    "sms.started", "Welcome back. Ask me a question about public school in Connecticut."
)
SMS_HELP = N_(
    "sms.help",
    "This number answers families' questions about public school in Connecticut. It is run by "
    "%(operator)s. To talk to a person, call %(now_phone)s. Send STOP to stop messages, or "
    "DELETE to erase your conversation. General information, not legal advice.",
)
SMS_CHOICES = N_("sms.choices", "Reply %(choices)s.")
SMS_MEDIA = N_("sms.media", "Sorry, I can only read text. Please type your question in a message.")

# The chat widget's own interface.
WIDGET_TITLE = N_("widget.title", "School questions")
WIDGET_LAUNCHER = N_("widget.launcher", "Questions about school? Chat with us")
WIDGET_PLACEHOLDER = N_("widget.placeholder", "Type your question")
WIDGET_SEND = N_("widget.send", "Send")
WIDGET_CLOSE = N_("widget.close", "Close chat")
WIDGET_LANGUAGE = N_("widget.language", "Language")
WIDGET_TYPING = N_("widget.typing", "The assistant is writing…")
WIDGET_ERROR = N_("widget.error", "Sorry, your message did not go through.")
WIDGET_RETRY = N_("widget.retry", "Try again")
WIDGET_NOT_HELPFUL = N_("widget.not_helpful", "Not helpful")
WIDGET_DELETE = N_("widget.delete", "Delete conversation")
WIDGET_DELETE_CONFIRM = N_("widget.delete_confirm", "Tap again to delete everything")
WIDGET_FEEDBACK_THANKS = N_(
    "widget.feedback_thanks", "Thank you. We will use this to improve the answers."
)
WIDGET_NOTE = N_(
    "widget.note",
    "General information, not legal advice. Please don't share names, addresses or "
    "immigration status.",
)
