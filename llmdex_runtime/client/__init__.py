"""The thin client (``pip install 'llmdex[client]'``): one call done right per protocol.

Dispatch is the table :data:`~llmdex_runtime.client.client.WIRES`, keyed by the generated
:class:`~llmdex_runtime.protocol.Protocol` of the model or its provider.
"""

from llmdex_runtime.client.client import Client, Completion, Embeddings, Stream

__all__ = ["Client", "Completion", "Embeddings", "Stream"]
