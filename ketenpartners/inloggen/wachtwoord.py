"""Nobody sets another user's password: the beheerder sends a link to the user's own address.

The link is Django's password reset link (``default_token_generator``): it works once, for
``PASSWORD_RESET_TIMEOUT`` seconds, and stops working as soon as the password changes or the
user logs in. Setting a password through it does not log the user in, so the second factor is
asked at the next login as always; the new password also ends the user's other sessions
(Django's session hash follows the password).
"""

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import loader
from django.urls import reverse_lazy

from ketenpartners.inloggen import logboek
from ketenpartners.models import Gebruiker
from mensenhandel.formulieren import foutsamenvatting

ONDERWERP = "registration/wachtwoord_link_onderwerp.txt"
TEKST = "registration/wachtwoord_link_mail.txt"


class _LinkAanEenGebruiker(PasswordResetForm):
    """Django's reset mail, for exactly this account, not for every account with the address."""

    def __init__(self, gebruiker: Gebruiker) -> None:
        super().__init__(data={"email": gebruiker.email})
        self.gebruiker = gebruiker

    def get_users(self, email: str) -> list[Gebruiker]:
        return [self.gebruiker]

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        # Django's own send_mail logs a failure and carries on; the beheerder must hear of it.
        onderwerp = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        tekst = loader.render_to_string(email_template_name, context)
        EmailMultiAlternatives(onderwerp, tekst, from_email, [to_email]).send()


def _mail_versturen(gebruiker: Gebruiker) -> None:
    basis = urlsplit(settings.BASIS_URL)
    form = _LinkAanEenGebruiker(gebruiker)
    if not form.is_valid():
        raise ValidationError(f"Het e-mailadres van {gebruiker.get_username()} is niet geldig.")
    form.save(
        domain_override=basis.netloc,
        use_https=basis.scheme == "https",
        subject_template_name=ONDERWERP,
        email_template_name=TEKST,
        extra_email_context={
            "basis_url": settings.BASIS_URL.rstrip("/"),
            "uren": str(settings.PASSWORD_RESET_TIMEOUT // 3600),
        },
    )


def wachtwoordlink_versturen(*, gebruiker: Gebruiker, door: Gebruiker) -> None:
    """Send the user a link to set their own password, and tell the FG who sent it.

    Raises ``ValidationError`` (with a Dutch message) for an account without an e-mail address or
    an inactive one; a failing mail server raises its own error after the audit entry is written.
    """
    if not gebruiker.is_active:
        raise ValidationError(f"{gebruiker.get_username()} is niet actief; activeer het account eerst.")
    if not gebruiker.email:
        raise ValidationError(f"{gebruiker.get_username()} heeft geen e-mailadres; vul dat eerst in.")
    with transaction.atomic():
        logboek.vastleggen(
            gebruiker=gebruiker,
            door=door,
            beschrijving=f"Wachtwoordherstel-link verstuurd door {door.get_username()}",
        )
        transaction.on_commit(lambda: _mail_versturen(gebruiker))


class WachtwoordInstellenForm(SetPasswordForm):
    def save(self, commit: bool = True) -> Any:
        with transaction.atomic():
            gebruiker = super().save(commit=commit)
            logboek.vastleggen(
                gebruiker=gebruiker, door=gebruiker, beschrijving="Wachtwoord ingesteld met de link uit de e-mail"
            )
        return gebruiker


class WachtwoordInstellenView(auth_views.PasswordResetConfirmView):
    form_class = WachtwoordInstellenForm
    template_name = "registration/wachtwoord_instellen.html"
    success_url = reverse_lazy("inloggen:wachtwoord_ingesteld")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)
        form = context.get("form")
        context["fouten"] = foutsamenvatting(form) if form is not None else []
        context["uren"] = settings.PASSWORD_RESET_TIMEOUT // 3600
        return context


class WachtwoordIngesteldView(auth_views.PasswordResetCompleteView):
    template_name = "registration/wachtwoord_ingesteld.html"
