"""SMS and WhatsApp: a Twilio-compatible webhook that keeps the phone number private."""
