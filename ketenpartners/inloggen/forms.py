import re

from django import forms

CODE_ATTRS = {"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}


class AppCodeForm(forms.Form):
    """The six digits the authenticator app shows; spaces are allowed, as apps show "123 456"."""

    code = forms.CharField(
        label="Code uit de app",
        max_length=20,
        error_messages={"required": "Vul de code van zes cijfers uit de app in."},
        widget=forms.TextInput(attrs={**CODE_ATTRS, "inputmode": "numeric"}),
    )

    def clean_code(self) -> str:
        code = re.sub(r"\s", "", self.cleaned_data["code"])
        # ASCII digits only: a code is an identifier, not a number typed in another script.
        if not re.fullmatch(r"[0-9]{6}", code):
            raise forms.ValidationError("Een code uit de app bestaat uit zes cijfers, bijvoorbeeld 123456.")
        return code


class HerstelcodeForm(forms.Form):
    herstelcode = forms.CharField(
        label="Herstelcode",
        max_length=40,
        error_messages={"required": "Vul een van uw herstelcodes in."},
        widget=forms.TextInput(attrs=CODE_ATTRS),
    )

    def clean_herstelcode(self) -> str:
        code = re.sub(r"[\s-]", "", self.cleaned_data["herstelcode"]).lower()
        if not re.fullmatch(r"[a-z0-9]{6,16}", code):
            raise forms.ValidationError(
                "Een herstelcode bestaat uit acht letters en cijfers, zoals op de lijst die u hebt bewaard."
            )
        return code
