import math

from certificates import codes


def test_code_has_at_least_64_bits_of_randomness():
    assert codes.LENGTH * math.log2(len(codes.ALPHABET)) >= 64
    assert len(set(codes.ALPHABET)) == len(codes.ALPHABET)


def test_code_alphabet_leaves_out_ambiguous_characters():
    assert not set("01IO") & set(codes.ALPHABET)


def test_generated_codes_use_only_the_alphabet_and_differ():
    generated = {codes.generate() for _ in range(200)}
    assert len(generated) == 200
    assert all(len(code) == codes.LENGTH and set(code) <= set(codes.ALPHABET) for code in generated)


def test_display_groups_the_code_by_four():
    assert codes.display("K7QM3XWP9HTDR2BC") == "K7QM-3XWP-9HTD-R2BC"


def test_typed_code_is_case_insensitive_and_ignores_spaces_and_dashes():
    for typed in ("k7qm-3xwp-9htd-r2bc", " K7QM 3XWP 9HTD R2BC ", "k7qm3xwp–9htd—r2bc", "K7Q M3X-WP9.HTDR2BC"):
        assert codes.normalize(typed) == "K7QM3XWP9HTDR2BC"


def test_malformed_code_is_refused():
    for typed in ("", "K7QM-3XWP-9HTD", "K7QM-3XWP-9HTD-R2BO", "K7QM-3XWP-9HTD-R2BC-A", "<script>"):
        assert codes.normalize(typed) is None
