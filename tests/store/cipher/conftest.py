"""The encrypted demo files of tests/cipher_helpers.py."""

from cipher_helpers import (  # type: ignore[import-not-found]
    demo_people,
    encrypted_demo,
    no_key_known,
    plain_demo,
    plain_demo_file,
)

__all__ = ["demo_people", "encrypted_demo", "no_key_known", "plain_demo", "plain_demo_file"]
