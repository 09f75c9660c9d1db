"""Certificate codes: unguessable, easy to read aloud and to type.

A code is 16 characters from a 32-character alphabet (80 bits of randomness), shown in four groups
of four: ``K7QM-3XWP-9HTD-R2BC``. The alphabet leaves out 0, 1, I and O, which people confuse, so
what is printed can be typed back without guessing. Typed codes are case-insensitive and may carry
spaces, dashes or dots anywhere; ``normalize`` turns them into the stored form.
"""

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
LENGTH = 16
GROUP = 4
BITS = 80  # LENGTH * log2(len(ALPHABET))

_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―.·_]+")
_VALID = re.compile(rf"^[{ALPHABET}]{{{LENGTH}}}$")


def generate() -> str:
    """A new random code in stored form (no separators, upper case)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalize(typed: str) -> str | None:
    """The stored form of a typed code, or None when it cannot be a code."""
    if not typed:
        return None
    compact = _SEPARATORS.sub("", typed).upper()
    return compact if _VALID.match(compact) else None


def display(code: str) -> str:
    """The grouped form people read: ``K7QM-3XWP-9HTD-R2BC``."""
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


FRAGMENT_MIN = 4
_FRAGMENT = re.compile(rf"^[{ALPHABET}]{{{FRAGMENT_MIN},{LENGTH}}}$")


def fragment(typed: str) -> str | None:
    """Part of a code as stored (at least FRAGMENT_MIN characters of the alphabet, separators and case
    ignored), for searching; None when `typed` cannot be part of a code."""
    compact = _SEPARATORS.sub("", typed or "").upper()
    return compact if _FRAGMENT.match(compact) else None
