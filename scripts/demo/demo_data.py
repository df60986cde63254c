"""Demo data for Cadre: the menu of role types, bodies, roles, standing avenues and the
bodies' staff.

Plain data in data/*.json (role_types, bodies, roles and avenues, the last two keyed
by the body's "key"), read here and loaded by load_demo.py. Enum values are written as
short names and mapped to the proto enums there:
  level:   1-4 (NHS England's four PPV categories)
  rung:    "inform" | "consult" | "involve" | "collaborate" | "devolve"
  mode:    "in-person" | "remote" | "hybrid"
  pay:     pence an hour of involvement payment; 0 means voluntary (expenses only when
           "expenses" is true); "salaried" for a paid post
  state:   "open" (default) | "draft" | "closed" | "filled"
  closes:  days from now until applications close

ODS codes are the real ones for NHS England, the ICBs and the trusts. CQC, NICE, the
NHS Leadership Academy, the local Healthwatch and the charity are loaded without an ODS
code, so the registry issues each a "CDR..." code. Every role is illustrative.
"""

import json
import os

_DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def _load(name):
    with open(os.path.join(_DATA, name + ".json"), encoding="utf-8") as f:
        return json.load(f)


# The menu of role types.
ROLE_TYPES = _load("role_types")
# Bodies in load order; "code" is the ODS code, or null where the registry is to issue
# one; "key" is a stable handle for the roles and avenues below and for request ids.
# NHS England comes last: its presence marks a completed load (see load_demo.py).
BODIES = _load("bodies")
# Keyed by the body's "key"; each is created with that body's own API key. Support
# offered: "pay" is pence an hour (NHS England pays PPV partners about £21 an hour, ICBs
# £20, trusts £15); 0 means voluntary.
ROLES = _load("roles")
AVENUES = _load("avenues")
# Bodies' staff (load_staff.py): for four bodies (NHS England first: it has the most
# applications) a manager, a recruiter and a viewer, each {"body": "bodies/CODE", "role":
# "manager" | "recruiter" | "viewer", "name", "email"}. Invented people; every email is
# unique (one staff account an email).
STAFF = _load("staff")
