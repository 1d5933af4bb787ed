// AudioReader over FFmpeg's libraries, converting to 16-bit samples as FMA's loader did (see
// Decoder::FfmpegS16).

#include <algorithm>
#include <cmath>
#include <memory>
#include <mutex>
#include <string>
#include <type_traits>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/error.h>
#include <libavutil/log.h>
}

#include "genrekit/error.h"
#include "readers.h"

namespace genrekit::audio {

namespace {

std::string av_error(int code) {
  char text[AV_ERROR_MAX_STRING_SIZE] = {};
  av_strerror(code, text, sizeof text);
  return text;
}

// libswresample's float -> s16 conversion: av_clip_int16(lrintf(x * 32768)). Clipping first and
// then rounding to nearest even by adding and subtracting 1.5 * 2^23 gives the same integers
// without a library call per sample; NaN (lrintf's LONG_MIN) clips to -32768 as before.
// Written as two selects and no branch so that loops over it vectorise: NaN fails both
// comparisons and so lands on -32768.
float to_s16_float(float x) {
  constexpr float kRound = 12582912.0f;  // 1.5 * 2^23: the sum's last bit is the unit
  const float scaled = x * 32768.0f;
  const float below_top = scaled > 32767.0f ? 32767.0f : scaled;
  const float clipped = below_top >= -32768.0f ? below_top : -32768.0f;
  const float rounded = (clipped + kRound) - kRound;
  return rounded * (1.0f / 32768.0f);
}

float sample_as_s16(const AVFrame& frame, int channel, int index, int channels) {
  const auto format = static_cast<AVSampleFormat>(frame.format);
  const bool planar = av_sample_fmt_is_planar(format) != 0;
  const int plane = planar ? channel : 0;
  const int at = planar ? index : index * channels + channel;
  const uint8_t* data = frame.extended_data[plane];
  switch (av_get_packed_sample_fmt(format)) {
    case AV_SAMPLE_FMT_FLT: return to_s16_float(reinterpret_cast<const float*>(data)[at]);
    case AV_SAMPLE_FMT_DBL: return to_s16_float(static_cast<float>(reinterpret_cast<const double*>(data)[at]));
    case AV_SAMPLE_FMT_S16: return static_cast<float>(reinterpret_cast<const int16_t*>(data)[at]) * (1.0f / 32768.0f);
    case AV_SAMPLE_FMT_S32:  // libswresample keeps the top 16 bits, rounding
      return static_cast<float>(static_cast<int16_t>(std::clamp<int64_t>(
                 (static_cast<int64_t>(reinterpret_cast<const int32_t*>(data)[at]) + 0x8000) >> 16, -32768, 32767))) *
             (1.0f / 32768.0f);
    case AV_SAMPLE_FMT_U8: return static_cast<float>((data[at] - 0x80) << 8) * (1.0f / 32768.0f);
    default: throw DataError("unsupported FFmpeg sample format " + std::to_string(frame.format));
  }
}

// A planar float frame's samples as 16-bit values, interleaved. Channels: std::size_t, or a
// std::integral_constant for mono and stereo, which the compiler then vectorises.
template <typename Channels>
void interleave_as_s16(const AVFrame& frame, Channels channels, float* out) {
  const auto n = static_cast<std::size_t>(frame.nb_samples);
  const auto* const* planes = reinterpret_cast<const float* const*>(frame.extended_data);
  for (std::size_t i = 0; i < n; ++i)  // frame by frame: each frame's samples are stored together
    for (std::size_t c = 0; c < channels; ++c) out[i * channels + c] = to_s16_float(planes[c][i]);
}

class FfmpegS16Reader final : public AudioReader {
 public:
  explicit FfmpegS16Reader(const std::filesystem::path& file) : name_(file.string()) {
    // FFmpeg's own log would interleave with ours; what goes wrong reaches the caller as DataError.
    static std::once_flag quiet;
    std::call_once(quiet, [] { av_log_set_level(AV_LOG_QUIET); });
    AVFormatContext* raw_format = nullptr;
    if (const int rc = avformat_open_input(&raw_format, name_.c_str(), nullptr, nullptr); rc < 0)
      throw DataError(name_ + ": not readable as audio (FFmpeg: " + av_error(rc) + ")");
    format_.reset(raw_format);
    if (const int rc = avformat_find_stream_info(format_.get(), nullptr); rc < 0)
      throw DataError(name_ + ": cannot read stream information: " + av_error(rc));
    stream_index_ = av_find_best_stream(format_.get(), AVMEDIA_TYPE_AUDIO, -1, -1, nullptr, 0);
    if (stream_index_ < 0) throw DataError(name_ + ": no audio stream");
    const AVStream* stream = format_->streams[stream_index_];
    const AVCodec* codec = avcodec_find_decoder(stream->codecpar->codec_id);
    if (!codec) throw DataError(name_ + ": no FFmpeg decoder for its codec");
    decoder_.reset(avcodec_alloc_context3(codec));
    avcodec_parameters_to_context(decoder_.get(), stream->codecpar);
    if (const int rc = avcodec_open2(decoder_.get(), codec, nullptr); rc < 0)
      throw DataError(name_ + ": cannot open the decoder: " + av_error(rc));
    sample_rate_ = decoder_->sample_rate;
    channels_ = decoder_->ch_layout.nb_channels;
    if (format_->duration > 0)  // in AV_TIME_BASE units
      estimated_frames_ = static_cast<std::size_t>(static_cast<double>(format_->duration) / AV_TIME_BASE * sample_rate_);
    packet_.reset(av_packet_alloc());
    frame_.reset(av_frame_alloc());
  }

  std::size_t read(std::vector<float>& out, std::size_t max_frames) override {
    const auto channels = static_cast<std::size_t>(channels_);
    // What the last read left is less than a block and a packet: moved to the front, it is cheap.
    std::copy(pending_.begin() + static_cast<std::ptrdiff_t>(taken_),
              pending_.begin() + static_cast<std::ptrdiff_t>(filled_), pending_.begin());
    filled_ -= taken_;
    taken_ = 0;
    while (filled_ < max_frames * channels && !ended_) decode_more();
    const std::size_t samples = std::min(max_frames * channels, filled_);
    out.insert(out.end(), pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(samples));
    taken_ = samples;
    return samples / channels;
  }

  std::size_t estimated_frames() const override { return estimated_frames_; }

 private:
  // Reads packets until one gives frames, or flushes the decoder at the end of the file.
  void decode_more() {
    while (av_read_frame(format_.get(), packet_.get()) >= 0) {
      const bool ours = packet_->stream_index == stream_index_;
      // Like the ffmpeg command line, a corrupt packet is skipped, not fatal.
      const bool sent = ours && avcodec_send_packet(decoder_.get(), packet_.get()) >= 0;
      av_packet_unref(packet_.get());
      if (sent && drain() > 0) return;
    }
    avcodec_send_packet(decoder_.get(), nullptr);
    drain();
    ended_ = true;
  }

  // Converts every frame the decoder has ready into pending_; returns the samples added.
  std::size_t drain() {
    const std::size_t before = filled_;
    const auto channels = static_cast<std::size_t>(channels_);
    for (;;) {
      const int rc = avcodec_receive_frame(decoder_.get(), frame_.get());
      if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF) break;
      if (rc < 0) throw DataError(name_ + ": decoding failed: " + av_error(rc));
      // The ffmpeg command would remix a stream whose layout changes midway to its first layout;
      // genrekit does not guess how, and says so.
      if (frame_->ch_layout.nb_channels != channels_ || frame_->sample_rate != sample_rate_)
        throw DataError(name_ + ": the stream changes from " + std::to_string(channels_) + " channels at " + std::to_string(sample_rate_) +
                        " Hz to " + std::to_string(frame_->ch_layout.nb_channels) + " at " + std::to_string(frame_->sample_rate) +
                        " Hz midway; genrekit reads only streams that keep one layout");
      const std::size_t base = filled_;
      filled_ += static_cast<std::size_t>(frame_->nb_samples) * channels;
      if (pending_.size() < filled_) pending_.resize(std::max(filled_, 2 * pending_.size()));
      float* out = pending_.data() + base;
      if (frame_->format == AV_SAMPLE_FMT_FLTP) {  // mp3float, vorbis: the common case, planar float
        switch (channels) {
          case 1: interleave_as_s16(*frame_, std::integral_constant<std::size_t, 1>{}, out); break;
          case 2: interleave_as_s16(*frame_, std::integral_constant<std::size_t, 2>{}, out); break;
          default: interleave_as_s16(*frame_, channels, out);
        }
      } else {
        for (int i = 0; i < frame_->nb_samples; ++i)
          for (int c = 0; c < channels_; ++c)
            out[static_cast<std::size_t>(i) * channels + static_cast<std::size_t>(c)] = sample_as_s16(*frame_, c, i, channels_);
      }
      av_frame_unref(frame_.get());
    }
    return filled_ - before;
  }

  struct FormatCloser {
    void operator()(AVFormatContext* f) const { avformat_close_input(&f); }
  };
  struct DecoderFree {
    void operator()(AVCodecContext* c) const { avcodec_free_context(&c); }
  };
  struct PacketFree {
    void operator()(AVPacket* p) const { av_packet_free(&p); }
  };
  struct FrameFree {
    void operator()(AVFrame* f) const { av_frame_free(&f); }
  };
  std::string name_;
  std::unique_ptr<AVFormatContext, FormatCloser> format_;
  std::unique_ptr<AVCodecContext, DecoderFree> decoder_;
  std::unique_ptr<AVPacket, PacketFree> packet_;
  std::unique_ptr<AVFrame, FrameFree> frame_;
  int stream_index_ = -1;
  std::size_t estimated_frames_ = 0;
  // Decoded and converted; [taken_, filled_) not yet read. Its size only grows, so that the
  // decoded frames are written over old values, not appended after zero-filling.
  std::vector<float> pending_;
  std::size_t taken_ = 0, filled_ = 0;
  bool ended_ = false;
};

}  // namespace

std::unique_ptr<AudioReader> open_ffmpeg_s16(const std::filesystem::path& file) {
  return std::make_unique<FfmpegS16Reader>(file);
}

}  // namespace genrekit::audio
