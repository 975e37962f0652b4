"""The knowledge base: ingest documents, resolve people across them, query, ask, export."""
