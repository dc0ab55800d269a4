"""Privacy layer: pseudonymous ids, redaction, erasure and retention (DESIGN section 4)."""
