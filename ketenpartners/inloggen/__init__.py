"""Logging in: the second factor, session lifetimes, single sign-on and password links.

- ``tweede_factor``: who needs a second factor (one function) and the TOTP and recovery codes.
- ``sessies``: idle timeout, absolute lifetime, and ending every session of a user at once.
- ``middleware``: the two gates every request passes, in that order: the session, then the
  second factor.
- ``views`` and ``urls``: the pages to set up and enter the second factor, and to set a
  password from the link in a mail.
- ``wachtwoord``: the beheerder sends that link; nobody sets another user's password.
- ``oidc``: optional single sign-on, matched on the identity provider's ``sub`` only.
- ``logboek``: what of all this the FG sees in the audit log.

The decisions are in docs/adr/0008-inloggen-mfa.md.
"""
