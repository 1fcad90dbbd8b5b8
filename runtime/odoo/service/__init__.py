"""Services: database management, the embedded PostgreSQL, the server."""
