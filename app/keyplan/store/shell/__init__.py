"""What the first window reads, in plain SQL, before SQLAlchemy is loaded."""
