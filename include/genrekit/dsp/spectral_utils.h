#pragma once
// Small spectral helpers with librosa 0.5.0's exact semantics.
#include <vector>

#include "genrekit/dsp/matrix.h"

namespace genrekit::dsp {

// power_to_db(S, ref=1, amin=1e-10, top_db): 10 log10(max(amin, |S|)) - 10 log10(max(amin, ref)),
// floored at (global max - top_db) when top_db >= 0 (pass a negative top_db for no floor).
Matrix power_to_db(const Matrix& S, double ref = 1.0, double amin = 1e-10, double top_db = 80.0);

// The same for one part of a larger matrix whose max |value| is `max_abs`: the floor is the whole
// matrix's (power_to_db of the whole, restricted to the part, gives exactly these values).
Matrix power_to_db_part(const Matrix& S, double max_abs, double ref = 1.0, double amin = 1e-10, double top_db = 80.0);

// A magnitude spectrogram squared in place into a power spectrogram as numpy squares librosa's
// float32 magnitudes (`S ** 2`): each square rounded to float32.
void square_in_float32(Matrix& S);

enum class Norm { Inf, L1, L2 };
// Scales each column to unit norm; columns whose norm is below the smallest normal double keep
// their values (librosa's util.normalize with fill=None).
Matrix normalize_columns(const Matrix& S, Norm norm);

// Tuning deviation in fractions of a bin, as librosa.estimate_tuning(S=...) computes it from a
// magnitude or power spectrogram: parabolic-interpolated peaks (piptrack, fmin 150, fmax 4000,
// threshold 0.1) whose magnitude is at least the median, histogrammed at `resolution`. S holds
// float32 values (librosa's spectrogram is float32, and so is all of piptrack's and
// pitch_tuning's arithmetic, reproduced here in float32); ties go to the lowest bin (np.argmax).
double estimate_tuning(const Matrix& S, double sr, int n_fft, double resolution = 0.01, int bins_per_octave = 12);

// estimate_tuning in two steps, for a signal processed in parts: the peaks of each part's frames
// (those with a positive pitch: their magnitude, and the bin of pitch_tuning's histogram their
// pitch falls in, -1 when outside it), then the tuning from the histogram of the peaks whose
// magnitude is at least the median magnitude of all of them.
struct TuningPeaks {
  std::vector<double> magnitudes;
  std::vector<int> bins;
};
TuningPeaks tuning_peaks(const Matrix& S, double sr, int n_fft, double resolution = 0.01, int bins_per_octave = 12);
int tuning_histogram_size(double resolution);  // the number of histogram bins
// Counts the peaks (magnitudes[i], bins[i]) whose magnitude is at least the median of all the
// peaks' magnitudes (numpy_median of them; compared in float32, as numpy's median of float32
// values is) into `counts`.
void count_tuning_peaks(const double* magnitudes, const int* bins, std::size_t n, double median,
                        std::vector<long long>& counts);
double tuning_of_histogram(const std::vector<long long>& counts, double resolution);  // 0.0 when empty

}  // namespace genrekit::dsp
