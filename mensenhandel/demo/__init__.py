"""Demo data: two regio's with three years of history, built only through the services.

- ``regios``: the gemeenten, ketenpartners and demo accounts of Westfriesland and Fryslân.
- ``teksten`` and ``scenarios``: the fictitious texts and the hand-written example signals.
- ``plan``: what happens to each signal and when, as plain data from a seeded generator.
- ``opbouw``: runs that plan through the services, each step at its own moment.
"""
