"""Settings read from the environment once, validated, and frozen.

A missing or malformed variable stops start-up with a message that names it.
"""

from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[2]


class ConfigError(Exception):
    pass


class Settings(BaseSettings):
    model_config = SettingsConfigDict(frozen=True, extra="ignore", case_sensitive=False)

    cruddur_env: Literal["development", "test", "production"] = "production"
    connection_url: str
    aws_default_region: str = "us-east-1"
    aws_endpoint_url: str | None = None
    ddb_message_table: str = "cruddur-messages"
    frontend_url: str = "http://localhost:3000"
    backend_url: str = "http://localhost:4567"
    data_dir: Path = REPO_ROOT / ".data"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    db_pool_size: int = Field(default=4, ge=1, le=100)

    auth_provider: Literal["local", "cognito"] = "local"
    aws_cognito_user_pool_id: str | None = None
    aws_cognito_user_pool_client_id: str | None = None
    aws_cognito_region: str | None = None
    # Only for emulators (tests); AWS's is derived from the region and pool id.
    aws_cognito_jwks_url: str | None = None
    local_client_id: str = "cruddur-local"
    access_token_seconds: int = Field(default=3600, ge=60, le=86400)
    auth_rate_limit: str = "10/minute"
    write_rate_limit: str = "60/minute"
    # Reports, per address and per person: enough for a bad day, too few to flood the queue.
    report_rate_limit: str = "20/hour"
    avatar_storage: Literal["local", "s3"] = "local"
    # AVATAR_STORAGE=s3: where browsers upload to, and the domain processed avatars are served from.
    avatars_upload_bucket: str | None = None
    # Where processed avatars are served from; default: the API itself (AVATAR_STORAGE=local).
    avatars_assets_url: str | None = None
    # Observability, each off until configured.
    otel_exporter_otlp_endpoint: str | None = None
    otel_service_name: str = "backend-flask"
    aws_xray_daemon_address: str | None = None
    rollbar_access_token: str | None = None
    rollbar_endpoint: str | None = None
    cloudwatch_log_group: str | None = None
    # Load balancers in front of the API whose X-Forwarded-For to trust (1 behind the ALB).
    trusted_proxy_hops: int = Field(default=0, ge=0, le=5)

    @field_validator("connection_url")
    @classmethod
    def _postgres_url(cls, value: str) -> str:
        if not value.startswith(("postgresql://", "postgres://")):
            raise ValueError("must be a postgresql:// URL")
        return value

    @field_validator(
        "aws_endpoint_url",
        "aws_cognito_user_pool_id",
        "aws_cognito_user_pool_client_id",
        "aws_cognito_region",
        "aws_cognito_jwks_url",
        "avatars_assets_url",
        "avatars_upload_bucket",
        "otel_exporter_otlp_endpoint",
        "aws_xray_daemon_address",
        "rollbar_access_token",
        "rollbar_endpoint",
        "cloudwatch_log_group",
        mode="before",
    )
    @classmethod
    def _blank_is_none(cls, value):
        return value or None

    @model_validator(mode="after")
    def _cognito_needs_its_pool(self):
        if self.auth_provider == "cognito":
            for name in ("aws_cognito_user_pool_id", "aws_cognito_user_pool_client_id"):
                if not getattr(self, name):
                    raise ValueError(f"{name.upper()} is required when AUTH_PROVIDER is cognito")
        if self.avatar_storage == "s3":
            for name in ("avatars_upload_bucket", "avatars_assets_url"):
                if not getattr(self, name):
                    raise ValueError(f"{name.upper()} is required when AVATAR_STORAGE is s3")
        return self

    @property
    def cognito_region(self) -> str:
        return self.aws_cognito_region or self.aws_default_region

    @property
    def frontend_origins(self) -> list[str]:
        return [origin.strip().rstrip("/") for origin in self.frontend_url.split(",") if origin.strip()]

    @property
    def avatar_bases(self) -> dict[str, str]:
        """The URL prefixes avatar_url() in SQL builds on, per connection."""
        api = self.backend_url.rstrip("/")
        assets = self.avatars_assets_url or api
        return {
            "cruddur.assets_base": assets if assets.endswith("/") else f"{assets}/",
            "cruddur.placeholder_base": f"{api}/avatars/placeholder/",
        }

    @property
    def is_development(self) -> bool:
        return self.cruddur_env == "development"


def load_settings(overrides: dict | None = None) -> Settings:
    """Settings from the environment, with `overrides` (tests) taking precedence."""
    try:
        return Settings(**(overrides or {}))
    except ValidationError as error:
        problems = []
        for item in error.errors():
            if not item["loc"]:
                problems.append(item["msg"].removeprefix("Value error, "))
                continue
            reason = "is required" if item["type"] == "missing" else item["msg"]
            problems.append(f"{str(item['loc'][0]).upper()} {reason}")
        raise ConfigError("Invalid configuration: " + "; ".join(problems)) from None
