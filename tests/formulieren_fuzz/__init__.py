"""The parts of tests/test_formulieren_fuzz.py: the values and the world, and the catalogue of forms."""
