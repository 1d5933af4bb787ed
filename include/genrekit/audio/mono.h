#pragma once
#include <span>
#include <vector>

#include "genrekit/audio/audio_file.h"

namespace genrekit::audio {

// The mean of the channels, computed in float as librosa's to_mono does on float32 audio.
std::vector<float> to_mono(const AudioBuffer& audio);

// The same for a block of interleaved frames, appended to `mono` (so a file can be mixed down as
// it is decoded, without holding all its channels).
void append_mono(std::span<const float> interleaved, int channels, std::vector<float>& mono);

// Rounds every sample to 16-bit PCM and back (x -> clip(rint(32768 x)) / 32768), as FMA's
// loader saw audio: librosa 0.5.0 read files through audioread's ffmpeg backend as s16 PCM. In a
// quiet passage or an empty band (an MP3's top octave) that quantisation noise is most of the
// energy, so features such as the top spectral-contrast band depend on it.
void quantize_to_16bit(std::span<float> samples);

}  // namespace genrekit::audio
