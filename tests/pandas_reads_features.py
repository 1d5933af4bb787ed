"""pandas must read the features.csv genrekit writes exactly as it reads FMA's:
pd.read_csv(path, index_col=0, header=[0, 1, 2]). Run by CTest with Debian's python3-pandas."""
import math
import sys

import pandas as pd

path = sys.argv[1]
features = pd.read_csv(path, index_col=0, header=[0, 1, 2])
assert list(features.columns) == [("chroma_cens", "kurtosis", "01"), ("mfcc", "mean", "20"), ("zcr", "std", "01")], features.columns
assert [str(i) for i in features.index] == ["2", "3", "dir/with, comma.mp3"], list(features.index)
assert features.index.name == "track_id"
assert abs(features.iloc[0, 0] - 7.1806526184) < 1e-12
assert math.isnan(features.iloc[1, 0])
assert features.iloc[2, 0] == 1e300
print("pandas read", features.shape, "OK")
