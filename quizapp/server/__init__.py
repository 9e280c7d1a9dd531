"""The class server: one PostgreSQL shared by a class or a school (see docs/classroom.md)."""
