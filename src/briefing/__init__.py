"""briefing: a reproducible generator of a yearly briefing on international
research collaboration and research security in East Asia."""

import warnings

__version__ = "0.1.0"

# pyspark 4.3 (the Spark engine) warns on import that pandas 3 is not fully supported,
# and pandera imports pyspark.pandas whenever pyspark is installed. Nothing here
# converts between Spark and pandas (Spark results come back as Arrow), so the
# warning says nothing about this project; silence it once, before pandera loads.
warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas", category=FutureWarning)
