"""The signed-in person's own profile: read it, change name and bio."""

from typing import Annotated

from pydantic import StringConstraints

from lib.db import db
from lib.validation import RequestModel, parse


class UpdateProfileRequest(RequestModel):
    display_name: Annotated[str, StringConstraints(min_length=1, max_length=50)]
    bio: Annotated[str, StringConstraints(max_length=160)] = ""


def own_profile(user_uuid) -> str:
    return db.query_value("users/own_profile", {"user_uuid": user_uuid})


def update_profile(user_uuid, body) -> str:
    """The updated profile as JSON text. Feeds read names from the users row,
    so the new name shows everywhere at once."""
    form = parse(UpdateProfileRequest, body)
    db.execute("users/update_profile", {"user_uuid": user_uuid, "display_name": form.display_name, "bio": form.bio})
    return own_profile(user_uuid)
