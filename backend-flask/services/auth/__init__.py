"""The local identity provider's use cases (AUTH_PROVIDER=local)."""
