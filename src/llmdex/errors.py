"""Every exception llmdex raises, in one place.

All derive from :class:`LlmdexError`, and each also derives from the builtin a caller would
naturally catch (``LookupError`` for a missing model, ``ValueError`` for malformed input).
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

_SHOWN = 100


def shown(value: object) -> str:
    """``repr(value)``, cut to about 100 characters: error messages never repeat a huge input.

    Example:
        >>> shown("x" * 1000)
        "'xxxxxxxx...' (1000 characters)"
    """
    sized = isinstance(value, str | bytes)
    text = repr(value[: _SHOWN + 1] if sized else value)  # type: ignore[index]
    if len(text) <= _SHOWN:
        return text
    size = f" ({len(value)} characters)" if sized else ""  # type: ignore[arg-type]
    return f"{text[: _SHOWN - 4]}...{text[0]}{size}"


class LlmdexError(Exception):
    """Base class of every llmdex error."""

    cli: str | None = None
    """The message in the command line's terms (its flags, not Python's parameters), where
    the two differ; the ``llmdex`` command prints this one."""


class InvalidSpecError(LlmdexError, ValueError):
    """A model spec could not be parsed.

    ``code`` says which rule failed: ``empty``, ``empty_segment``, ``unknown_provider``,
    ``invalid_format``.
    """

    def __init__(
        self, spec: object, code: str, problem: str, suggestions: Sequence[str] = ()
    ) -> None:
        self.spec = spec
        self.code = code
        self.suggestions = tuple(suggestions)
        hint = f" Did you mean: {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(
            f"invalid model spec {shown(spec)}: {problem}.{hint} "
            'A spec looks like "provider:model-id" (for example "openai:gpt-4o").'
        )


class ModelNotFoundError(LlmdexError, LookupError):
    """No model matches the spec; ``suggestions`` holds close specs that do exist."""

    def __init__(self, spec: str, suggestions: Sequence[str] = (), reason: str = "") -> None:
        self.spec = spec
        self.suggestions = tuple(suggestions)
        hint = f" Did you mean: {', '.join(self.suggestions)}?" if self.suggestions else ""
        why = f" {reason}" if reason else ""
        super().__init__(f"no model {shown(spec)} in the catalog{why}.{hint}")


class ModelRetiredError(ModelNotFoundError):
    """The catalog listed this model once and no longer does.

    ``last_seen`` is the date of the last payload that listed it; ``successor`` a current
    model that replaces it, where one is known; ``listed_by`` the providers that still list
    the same id (with ``resellers``, the other providers serving the name the user gave,
    which the maker no longer lists).
    """

    def __init__(
        self,
        spec: str,
        *,
        last_seen: str,
        successor: str | None,
        listed_by: Sequence[str],
        resellers: bool = False,
    ) -> None:
        self.last_seen = last_seen
        self.successor = successor
        self.listed_by = tuple(listed_by)
        parts = [f"{spec} is no longer listed: last listed {last_seen}"]
        if successor is not None:
            parts.append(f"its successor is {successor}")
        if self.listed_by:
            parts.append(f"still listed by {', '.join(self.listed_by)}")
        self.spec = spec
        self.suggestions = ()
        message = "; ".join(parts)
        if resellers:  # the user named the maker's model; a reseller is theirs to choose
            self.cli = f"{message}. Name one of those as provider:id, or give --prefer."
            LookupError.__init__(
                self, f"{message}. Name one of those as provider:id, or pass prefer=[...]."
            )
            return
        self.cli = f"{message}. Give --at YYYY-MM-DD to see it as it was."
        LookupError.__init__(self, f"{message}. Pass at='YYYY-MM-DD' to find it as it was.")


class RetiredByMakerError(ModelNotFoundError):
    """A bare name whose maker no longer lists it, though resellers still do (``o1-mini``).

    Where the catalog has its history, lookups raise the :class:`ModelRetiredError` of the
    maker's model instead, with these resellers as ``listed_by``.
    """

    def __init__(self, name: str, maker_spec: str, listed_by: Sequence[str]) -> None:
        self.maker_spec = maker_spec
        self.listed_by = tuple(listed_by)
        super().__init__(
            name,
            reason=f"from its maker: {maker_spec} is no longer listed; still listed by "
            f"{', '.join(self.listed_by)}",
        )


class InvalidDateError(LlmdexError, ValueError):
    """A date is not ``YYYY-MM`` or ``YYYY-MM-DD``, or names no calendar day."""

    def __init__(
        self, text: str, expected: str = "YYYY-MM or YYYY-MM-DD", *, function: str | None = None
    ) -> None:
        # function: where the date was given as ``at=`` ("find"), for a message naming it.
        self.text = text
        if function is None:
            super().__init__(f"invalid date {shown(text)}: expected {expected}")
            return
        message, self.cli = _argument(function, "at", text, f"expected {expected}")
        super().__init__(message)


def _argument(function: str, parameter: str, value: object, problem: str) -> tuple[str, str]:
    # A bad argument in Python's terms, and in the command line's (whose flags are the names).
    return (
        f"{function}({parameter}={shown(value)}): {problem}",
        f"--{parameter.replace('_', '-')} {shown(value)}: {problem}",
    )


class InvalidArgumentError(LlmdexError, ValueError, TypeError):
    """A public function got an argument of the wrong type or value.

    ``function`` and ``parameter`` name it; a ``TypeError`` and a ``ValueError`` both, so
    code that catches either for a bad argument keeps working.
    """

    def __init__(self, function: str, parameter: str, value: object, problem: str) -> None:
        self.function = function
        self.parameter = parameter
        message, self.cli = _argument(function, parameter, value, problem)
        super().__init__(message)


class IncompatibleRuntimeError(LlmdexError, ImportError):
    """The generated catalog was built for another version of ``llmdex_runtime``."""

    def __init__(self, expected: int, found: int) -> None:
        super().__init__(
            f"the generated llmdex catalog needs runtime schema {expected}, "
            f"but schema {found} is installed; reinstall llmdex or run `make regen`"
        )


class AmbiguousModelError(LlmdexError, LookupError):
    """A bare model id names models of several providers; ``candidates`` lists their specs."""

    def __init__(self, spec: str, candidates: Sequence[str], reason: str = "") -> None:
        self.spec = spec
        self.candidates = tuple(candidates)
        why = f" ({reason})" if reason else ""
        listed = ", ".join(self.candidates)
        providers = {candidate.partition(":")[0] for candidate in self.candidates}
        if len(self.candidates) == 1:  # one model, but not known to be priced as the spec is
            self.cli = (
                f"model id {shown(spec)} may not be priced as {listed}{why}; "
                f"name {listed} to take its price"
            )
            super().__init__(self.cli)
            return
        if len(providers) == 1:  # several ids of one provider: prefer= cannot choose
            (pid,) = providers
            served = f"model id {shown(spec)} could be {len(self.candidates)} models of {pid}{why}"
            self.cli = f"{served}; name one: {listed}"
            super().__init__(self.cli)
            return
        served = f"model id {shown(spec)} is served by {len(self.candidates)} providers{why}"
        self.cli = f"{served}; name one as provider:id, or give --prefer PROVIDER: {listed}"
        super().__init__(f"{served}; name one as provider:id, or pass prefer=[...]: {listed}")


class InvalidModelError(LlmdexError, ValueError):
    """A custom model description is incomplete or wrong; the message names the field."""

    def __init__(self, spec: object, problem: str) -> None:
        self.spec = spec
        super().__init__(f"invalid custom model {shown(spec)}: {problem}")


class PriceUnknownError(LlmdexError, LookupError):
    """The catalog has no price for a model, or for a kind of token a call used."""

    def __init__(
        self,
        spec: str,
        component: str | None = None,
        tokens: int = 0,
        *,
        lenient_hint: bool = False,
    ) -> None:
        self.spec = spec
        self.component = component
        if component is None:
            problem = f"no price for {spec}: models.dev lists none"
        elif lenient_hint:
            # Something a usage reported that no catalog price covers (Usage.unpriced).
            problem = f"the usage reports {component} ({tokens}), which no price of {spec} covers"
        else:
            problem = f"no {component} price for {spec}, and the call used {tokens} such tokens"
        self.cli = f"{problem}; the command line cannot price it"
        fix = "give one with llmdex.resolve(spec, cost={...}) (USD per 1M tokens)"
        if lenient_hint:
            fix = "pass lenient=True to cost_of to price the rest and note it"
        super().__init__(f"{problem}; {fix}")


class InvalidUsageError(LlmdexError, ValueError):
    """A usage object could not be understood."""

    def __init__(self, usage: object, problem: str) -> None:
        self.usage = usage
        super().__init__(f"cannot price usage {shown(usage)}: {problem}")


class DeprecatedModelWarning(UserWarning):
    """A deprecated model was chosen through an alias, or called through the client.

    A ``UserWarning``, so Python shows it by default (a ``DeprecationWarning`` would be
    hidden outside ``__main__``); llmdex warns once per model in a process.
    """


class ModelRetiredWarning(DeprecatedModelWarning):
    """A constant of a model the catalog no longer lists was used: it still imports, as the
    model was last listed, so a data upgrade breaks no import; the message names its
    successor where one is known."""


_WARNED: set[str] = set()


def warn_deprecated(spec: str, message: str, stacklevel: int) -> None:
    """Warn with :class:`DeprecatedModelWarning` about ``spec``, the first time only."""
    if spec in _WARNED:
        return
    _WARNED.add(spec)
    import warnings

    warnings.warn(DeprecatedModelWarning(message), stacklevel=stacklevel + 1)


class ClientError(LlmdexError):
    """Base of the errors the client raises."""


class UnsupportedProtocolError(ClientError):
    """The provider speaks a protocol the client does not implement."""

    def __init__(self, spec: str, protocol: str, why: str | None = None) -> None:
        # why: what the protocol lacks, where the client speaks it but not for this call.
        self.spec = spec
        self.protocol = protocol
        super().__init__(
            f"cannot call {spec}: "
            + (
                why
                or f"its protocol is {protocol!r}, which the llmdex client does not speak (it "
                "needs a cloud SDK); use that provider's own SDK"
            )
        )


class MissingAPIKeyError(ClientError):
    """No API key was given and none of the provider's variables is set."""

    def __init__(self, spec: str, variables: Sequence[str]) -> None:
        self.spec = spec
        self.variables = tuple(variables)
        names = " or ".join(self.variables) or "an API key variable"
        self.cli = f"no API key for {spec}: set {names}"
        super().__init__(f"no API key for {spec}: set {names}, or pass api_key=")


class ClientConfigError(ClientError, ValueError):
    """A setting the call needs is missing, e.g. a ``${VARIABLE}`` in a base URL.

    ``cli`` is the same message in the command line's terms, where they differ.
    """

    def __init__(self, message: str, *, cli: str | None = None) -> None:
        self.cli = cli
        super().__init__(message)


class APIConnectionError(ClientError):
    """The provider could not be reached, or did not answer in time, after every retry."""

    def __init__(self, provider: str, problem: str) -> None:
        self.provider = provider
        super().__init__(f"{provider}: {problem}")


class RedirectError(ClientError):
    """The server redirected to another origin (or a method-changing redirect): not followed.

    ``status`` is 0 where the redirect's ``Location`` could not even be read.

    Credentials and request bodies never travel to another host.
    """

    def __init__(self, provider: str, status: int, target: object) -> None:
        self.provider = provider
        self.status = status
        answered = f"HTTP {status}, a redirect" if status else "a redirect"
        super().__init__(
            f"{provider} answered {answered} to {target}; llmdex follows only "
            "307/308 within the same origin, so nothing was sent there. Check the base URL"
        )


class TooLargeError(ClientError):
    """A response body was larger than the policy's ``max_bytes``; the rest was not read."""

    def __init__(self, provider: str, limit: int) -> None:
        self.provider = provider
        super().__init__(
            f"{provider}: the response is over the {limit}-byte cap; refusing it "
            "(raise HttpPolicy.max_bytes if this is expected)"
        )


class APIError(ClientError):
    """The provider answered with an HTTP error; ``status``, ``provider`` and its ``message``.

    ``retry_after`` is the wait in seconds the server asked for, where it gave one.
    """

    def __init__(
        self,
        provider: str,
        status: int,
        message: str,
        retry_after: float | None = None,
        why: str = "",
    ) -> None:
        # why: how the retries ended ("after 3 attempt(s), the policy's max_retries").
        self.provider = provider
        self.status = status
        self.message = message
        self.retry_after = retry_after
        if why:
            wait = f" (given up {why})"
        else:
            wait = f" (it asks to retry after {retry_after:g} s)" if retry_after else ""
        super().__init__(f"{provider} answered HTTP {status}: {message}{wait}")


class AuthenticationError(APIError):
    """HTTP 401 or 403: the key is missing, wrong, or not allowed this model."""


class RateLimitError(APIError):
    """HTTP 429 after every retry."""


class ServerError(APIError):
    """HTTP 5xx after every retry."""


class BadRequestError(APIError):
    """Another HTTP 4xx: the request was refused as it was."""


class MalformedResponseError(ClientError):
    """The provider answered 2xx with a body that is not what its protocol promises."""

    def __init__(self, provider: str, problem: str, body: str) -> None:
        self.provider = provider
        super().__init__(f"{provider}: malformed response, {problem}: {body[:200]!r}")


class DatabaseError(LlmdexError):
    """A database sync or export could not be done; nothing was changed.

    ``url`` is the database's URL with any password masked.
    """

    def __init__(self, url: str, problem: str) -> None:
        self.url = url
        super().__init__(f"{url}: {problem}")


class DatabaseURLError(DatabaseError, ValueError):
    """A database URL llmdex cannot use (another scheme, no file name); nothing was opened."""
