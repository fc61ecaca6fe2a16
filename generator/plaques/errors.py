"""The one error plaque code raises: a message code and its parameters, for ``messages``.

Kept apart from the heavy plaque modules so the build can check the registry of
printed plaques without loading fonts, QR and PDF libraries.
"""

from __future__ import annotations


class PlaqueError(ValueError):
    """A plaque cannot be made, or the registry read, as asked."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params

    def __reduce__(self) -> tuple[object, ...]:
        # Raised in a worker process, it must survive the trip back to the caller.
        return _plaque_error, (self.code, self.params)


def _plaque_error(code: str, params: dict[str, object]) -> PlaqueError:
    return PlaqueError(code, **params)
