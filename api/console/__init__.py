"""The staff review console: accounts and sessions, the inbox of questions the assistant
could not answer, the decisions staff take on them, translations and the dashboard."""
