"""The encrypted demo files of tests/cipher_helpers.py."""

from cipher_helpers import (  # type: ignore[import-not-found]
    encrypted_demo,
    no_key_known,
    plain_demo,
    plain_demo_file,
)

__all__ = ["encrypted_demo", "no_key_known", "plain_demo", "plain_demo_file"]
