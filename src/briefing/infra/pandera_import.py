"""pandera, imported without pyspark.pandas.

pandera imports pyspark.pandas whenever pyspark is installed (it is, for the Spark
engine): a fifth of a second on every start and a FutureWarning under pandas 3, for
pandera's pyspark.pandas support, which this project does not use. That one module is
hidden while pandera loads, and importable again afterwards."""

from __future__ import annotations

import sys

_HIDDEN = "pyspark.pandas" not in sys.modules
if _HIDDEN:
    sys.modules["pyspark.pandas"] = None  # type: ignore[assignment]  # import raises ImportError
try:
    import pandera.pandas as pa
    from pandera.errors import SchemaError, SchemaErrorReason, SchemaErrors
    from pandera.typing import Series
finally:
    if _HIDDEN:
        del sys.modules["pyspark.pandas"]

__all__ = ["pa", "SchemaError", "SchemaErrorReason", "SchemaErrors", "Series"]
