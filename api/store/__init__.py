"""The api's store: SQLite by default, PostgreSQL at scale, through SQLAlchemy 2."""
