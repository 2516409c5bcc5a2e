"""Samenhangende signalen: match keys of people, addresses and companies (docs/adr/0010)."""
