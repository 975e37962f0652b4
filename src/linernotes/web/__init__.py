"""The HTTP face of the knowledge base (FastAPI): a thin layer over ``linernotes.kb``."""
