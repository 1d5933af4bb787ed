#pragma once
// What extract computes for one audio file, in bounded memory whatever the file's length.
#include <cstddef>
#include <filesystem>
#include <vector>

#include "genrekit/dsp/matrix.h"
#include "genrekit/extraction/settings.h"
#include "genrekit/runtime/spill_file.h"

namespace genrekit::extraction {

struct TrackFeatures {
  std::vector<double> fma518;  // when settings.fma518
  dsp::Matrix log_mel;         // when settings.logmel
};

// The file is decoded to mono block by block. A track of at most `chunk_frames` frames (47.5 s at
// 44.1 kHz with the default: nearly every clip) is held whole and computed at once; a longer one
// keeps only its head, which the log-mel spectrogram needs when it is cut to a fixed number of
// frames (its first 30 s by default), and the 518 features are computed by
// features::fma_features_chunked from the head and the rest of the file as it is decoded: every
// file is decoded once. Values are the same either way. Only a log-mel spectrogram that keeps
// every frame (frames <= 0) holds a long track whole.
// The chunked computation's scratch files (~2.5 GB of disk for 3 h, unlinked at creation) go to
// `scratch_directory`: extract passes its run directory's work/, on the disk its output goes to
// (where /tmp is a tmpfs, scratch files there would take the very memory chunking saves).
// DataError for files that cannot be decoded, std::invalid_argument from the features.
TrackFeatures extract_track(const std::filesystem::path& file, const ExtractionSettings& settings,
                            const std::filesystem::path& scratch_directory = runtime::SpillFile::default_directory(),
                            std::size_t chunk_frames = features::kFmaChunkFrames);

}  // namespace genrekit::extraction
