"""Languages: which ones are supported, their gettext catalogs, and rendering messages."""
