#pragma once
// Renders one synthetic track from its recipe: drums, bass, chords, lead (instrument or voice),
// speech, then the mix's colour (distortion, dynamics, brightness, noise, reverb, old-recording).
#include "genrekit/audio/audio_file.h"
#include "genrekit/synth/genre_style.h"
#include "genrekit/synth/random.h"

namespace genrekit::synth {

audio::AudioBuffer render_track(const TrackRecipe& recipe, int sample_rate, double seconds, int channels,
                                Random& random);

}  // namespace genrekit::synth
