"""Avatar processing, shared by the API (AVATAR_STORAGE=local) and the
process-images Lambda (AVATAR_STORAGE=s3).

An upload is judged by its content, never its name or declared type: JPEG,
PNG, WebP or GIF (first frame), at most 5 MB and 4,000 × 4,000 pixels, the
size read from the header before anything is decoded. The result is upright
(EXIF orientation applied), centre-cropped square, free of all metadata, and
saved as WebP at 512 and 128 pixels.
"""

import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

from lib.errors import ApiError

MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE = 4000
SIZES = (512, 128)
FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
CONTENT_TYPES = {"image/jpeg", "image/png", "image/webp", "image/gif"}


class AvatarRejected(ApiError):
    pass


def check_size(byte_count: int):
    if byte_count > MAX_BYTES:
        raise AvatarRejected(413, "avatar_too_large")


def process_avatar(data: bytes) -> dict[int, bytes]:
    """WebP bytes by size (512, 128); AvatarRejected with a stable code otherwise."""
    check_size(len(data))
    if not data:
        raise AvatarRejected(422, "avatar_missing")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))  # reads the header only
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise AvatarRejected(422, "avatar_too_many_pixels") from None
    except (UnidentifiedImageError, OSError):
        raise AvatarRejected(422, "avatar_unsupported_type") from None
    if image.format not in FORMATS:
        raise AvatarRejected(422, "avatar_unsupported_type")
    width, height = image.size
    if width > MAX_SIDE or height > MAX_SIDE or width < 1 or height < 1:
        raise AvatarRejected(422, "avatar_too_many_pixels")
    try:
        image.seek(0)  # a GIF's first frame
        image.load()
        upright = ImageOps.exif_transpose(image)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        raise AvatarRejected(422, "avatar_corrupt") from None
    has_alpha = upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info
    pixels = upright.convert("RGBA" if has_alpha else "RGB")
    return {size: _square_webp(pixels, size) for size in SIZES}


def _square_webp(pixels: Image.Image, size: int) -> bytes:
    square = ImageOps.fit(pixels, (size, size), method=Image.Resampling.LANCZOS, centering=(0.5, 0.5))
    # Only the pixels travel on: no EXIF, ICC profile, XMP or comments.
    clean = Image.new(square.mode, square.size)
    clean.paste(square)
    out = io.BytesIO()
    clean.save(out, "WEBP", quality=85, method=4)
    return out.getvalue()
