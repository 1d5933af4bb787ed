// Frame-level features of jazz_vibe_ace.mp3 against librosa 0.5.0's matrices
// (tests/data/reference/frames/jazz_vibe_ace, made by the reference tools with FMA's calls).
//
// The clip is decoded as FMA's loader did (FFmpeg, 16-bit PCM), as the reference was. Tolerances
// are relative to the reference's largest magnitude, a little above what is measured.
#include <cmath>

#include "genrekit/audio/audio_file.h"
#include "genrekit/audio/decoder.h"
#include "genrekit/audio/mono.h"
#include "genrekit/data/npy.h"
#include "genrekit/dsp/cqt.h"
#include "genrekit/dsp/spectral_utils.h"
#include "genrekit/dsp/stft.h"
#include "genrekit/features/chroma_cens.h"
#include "genrekit/features/chroma_cqt.h"
#include "genrekit/features/chroma_stft.h"
#include "genrekit/features/log_mel.h"
#include "genrekit/features/tonnetz.h"
#include "genrekit/features/mfcc.h"
#include "genrekit/features/rms.h"
#include "genrekit/features/spectral_bandwidth.h"
#include "genrekit/features/spectral_centroid.h"
#include "genrekit/features/spectral_contrast.h"
#include "genrekit/features/spectral_rolloff.h"
#include "genrekit/features/zero_crossing_rate.h"
#include "test_support.h"

namespace genrekit::features {
namespace {

constexpr double kFmaStftRate = 22050;  // FMA's features.py passes no sr to these features

dsp::Matrix reference(const std::string& name) {
  const auto array = data::read_npy(test::fixture("reference/frames/jazz_vibe_ace/" + name + ".npy"));
  dsp::Matrix m(static_cast<Eigen::Index>(array.shape[0]), static_cast<Eigen::Index>(array.shape[1]));
  for (Eigen::Index r = 0; r < m.rows(); ++r)
    for (Eigen::Index c = 0; c < m.cols(); ++c) m(r, c) = array.values[static_cast<std::size_t>(r * m.cols() + c)];
  return m;
}

struct Clip {
  std::vector<float> y;
  double sr;
  dsp::Matrix S;  // |STFT|, 2048 / 512
};

const Clip& jazz() {
  static const Clip clip = [] {
    const auto audio = audio::decode(test::fixture("reference/audio/jazz_vibe_ace.mp3"), audio::Decoder::FfmpegS16);  // as FMA's loader
    Clip c{audio::to_mono(audio), static_cast<double>(audio.sample_rate), {}};
    c.S = dsp::Stft(2048, 512).magnitude(c.y);
    return c;
  }();
  return clip;
}

// Largest absolute difference relative to the reference's largest magnitude, and the mean.
void expect_close(const dsp::Matrix& ours, const dsp::Matrix& ref, double max_tolerance, double mean_tolerance,
                  const char* name) {
  ASSERT_EQ(ours.rows(), ref.rows()) << name;
  ASSERT_EQ(ours.cols(), ref.cols()) << name;
  const double scale = std::max(ref.cwiseAbs().maxCoeff(), 1e-12);
  const double max_error = (ours - ref).cwiseAbs().maxCoeff() / scale;
  const double mean_error = (ours - ref).cwiseAbs().mean() / scale;
  EXPECT_LE(max_error, max_tolerance) << name << ": max |diff| / max |ref|";
  EXPECT_LE(mean_error, mean_tolerance) << name << ": mean |diff| / max |ref|";
  std::printf("  %-20s max %.2e  mean %.2e (relative to max |ref| = %.3g)\n", name, max_error, mean_error, scale);
}

TEST(FeatureFrames, StftMagnitude) {
  const dsp::Matrix ref = reference("stft_mag_first200");
  expect_close(jazz().S.leftCols(200), ref, 1e-6, 1e-7, "stft_mag");
}

TEST(FeatureFrames, SpectralFeaturesAtFmasRate) {
  const auto& c = jazz();
  expect_close(spectral_centroid(c.S, kFmaStftRate), reference("spectral_centroid"), 1e-6, 1e-7, "spectral_centroid");
  expect_close(spectral_bandwidth(c.S, kFmaStftRate), reference("spectral_bandwidth"), 1e-6, 1e-7, "spectral_bandwidth");
  expect_close(spectral_rolloff(c.S, kFmaStftRate), reference("spectral_rolloff"), 0.0, 0.0, "spectral_rolloff");
  expect_close(spectral_contrast(c.S, kFmaStftRate), reference("spectral_contrast"), 1e-6, 1e-7, "spectral_contrast");
  expect_close(rms_from_spectrogram(c.S), reference("rmse"), 1e-6, 1e-7, "rmse");
}

TEST(FeatureFrames, ZeroCrossingRate) {
  expect_close(zero_crossing_rate(jazz().y), reference("zcr"), 0.0, 0.0, "zcr");
}

TEST(FeatureFrames, ChromaStftAndMfcc) {
  const auto& c = jazz();
  const dsp::Matrix power = c.S.array().square().matrix();
  expect_close(chroma_stft(power, kFmaStftRate), reference("chroma_stft"), 1e-6, 1e-7, "chroma_stft");
  expect_close(mfcc(power, c.sr), reference("mfcc"), 1e-6, 1e-7, "mfcc");
}

}  // namespace
}  // namespace genrekit::features

namespace genrekit::features {
namespace {

TEST(FeatureFrames, TuningAndCqt) {
  const auto& c = jazz();
  const double tuning = dsp::estimate_tuning(c.S, c.sr, 2048);
  EXPECT_NEAR(tuning, 0.09, 1e-12);  // reference/frames/jazz_vibe_ace/tuning.txt
  const dsp::Matrix C = dsp::cqt_magnitude(c.y, c.sr, tuning);
  expect_close(C, reference("cqt_mag"), 1e-6, 1e-7, "cqt_mag");
  expect_close(chroma_cqt(C), reference("chroma_cqt"), 1e-6, 1e-7, "chroma_cqt");
  const dsp::Matrix cens = chroma_cens(C);
  expect_close(cens, reference("chroma_cens"), 1e-6, 1e-7, "chroma_cens");
  expect_close(tonnetz(cens), reference("tonnetz"), 1e-6, 1e-7, "tonnetz");
}

}  // namespace
}  // namespace genrekit::features

namespace genrekit::features {
namespace {

// The thesis CNN input for jazz_vibe_ace.22050.wav (reference/frames/jazz_vibe_ace/melspec_log.npy):
// max |diff| <= 1e-2 and mean |diff| <= 1e-4 (issue 3), in natural-log units.
TEST(FeatureFrames, LogMelSpectrogram) {
  const auto audio = audio::read_audio(test::fixture("reference/audio/jazz_vibe_ace.22050.wav"));
  ASSERT_EQ(audio.sample_rate, 22050);
  const dsp::Matrix ours = log_mel_spectrogram(audio::to_mono(audio));
  const dsp::Matrix ref = reference("melspec_log");
  ASSERT_EQ(ours.rows(), 646);
  ASSERT_EQ(ours.cols(), 128);
  const double max_diff = (ours - ref).cwiseAbs().maxCoeff(), mean_diff = (ours - ref).cwiseAbs().mean();
  std::printf("  log-mel: max |diff| %.2e, mean |diff| %.2e\n", max_diff, mean_diff);
  EXPECT_LE(max_diff, 1e-2);
  EXPECT_LE(mean_diff, 1e-4);
}

TEST(FeatureFrames, LogMelPadsShortSignalsWithTheFloor) {
  std::vector<float> y(22050, 0.0f);  // one second of silence
  y[100] = 0.5f;
  const dsp::Matrix m = log_mel_spectrogram(y);
  EXPECT_EQ(m.rows(), 646);
  EXPECT_DOUBLE_EQ(m(645, 0), std::log(1e-6));  // padded frame
  EXPECT_GT(m(0, 5), std::log(1e-6));           // the click's frame has energy
}

}  // namespace
}  // namespace genrekit::features
