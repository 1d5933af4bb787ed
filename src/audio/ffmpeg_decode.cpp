#include "genrekit/audio/ffmpeg_decode.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <mutex>
#include <string>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/error.h>
#include <libavutil/log.h>
}

#include "genrekit/error.h"

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
float to_s16_float(float x) {
  constexpr float kRound = 12582912.0f;  // 1.5 * 2^23: the sum's last bit is the unit
  const float scaled = x * 32768.0f;
  if (!(scaled == scaled)) return -1.0f;
  const float clipped = scaled < -32768.0f ? -32768.0f : scaled > 32767.0f ? 32767.0f : scaled;
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

}  // namespace

AudioBuffer read_audio_ffmpeg_s16(const std::filesystem::path& file) {
  // FFmpeg's own log would interleave with ours; what goes wrong reaches the caller as DataError.
  static std::once_flag quiet;
  std::call_once(quiet, [] { av_log_set_level(AV_LOG_QUIET); });
  const std::string name = file.string();
  AVFormatContext* raw_format = nullptr;
  if (const int rc = avformat_open_input(&raw_format, name.c_str(), nullptr, nullptr); rc < 0)
    throw DataError(name + ": not readable as audio (FFmpeg: " + av_error(rc) + ")");
  std::unique_ptr<AVFormatContext, void (*)(AVFormatContext*)> format(raw_format, [](AVFormatContext* f) {
    avformat_close_input(&f);
  });
  if (const int rc = avformat_find_stream_info(format.get(), nullptr); rc < 0)
    throw DataError(name + ": cannot read stream information: " + av_error(rc));
  const int stream_index = av_find_best_stream(format.get(), AVMEDIA_TYPE_AUDIO, -1, -1, nullptr, 0);
  if (stream_index < 0) throw DataError(name + ": no audio stream");
  const AVStream* stream = format->streams[stream_index];
  const AVCodec* codec = avcodec_find_decoder(stream->codecpar->codec_id);
  if (!codec) throw DataError(name + ": no FFmpeg decoder for its codec");
  std::unique_ptr<AVCodecContext, void (*)(AVCodecContext*)> decoder(avcodec_alloc_context3(codec), [](AVCodecContext* c) {
    avcodec_free_context(&c);
  });
  avcodec_parameters_to_context(decoder.get(), stream->codecpar);
  if (const int rc = avcodec_open2(decoder.get(), codec, nullptr); rc < 0)
    throw DataError(name + ": cannot open the decoder: " + av_error(rc));

  AudioBuffer audio;
  audio.sample_rate = decoder->sample_rate;
  audio.channels = decoder->ch_layout.nb_channels;
  if (format->duration > 0)  // room for the whole file up front (duration is in AV_TIME_BASE units)
    audio.samples.reserve(static_cast<std::size_t>(static_cast<double>(format->duration) / AV_TIME_BASE * audio.sample_rate *
                                                   audio.channels * 1.01));
  std::unique_ptr<AVPacket, void (*)(AVPacket*)> packet(av_packet_alloc(), [](AVPacket* p) { av_packet_free(&p); });
  std::unique_ptr<AVFrame, void (*)(AVFrame*)> frame(av_frame_alloc(), [](AVFrame* f) { av_frame_free(&f); });
  const auto drain = [&] {
    for (;;) {
      const int rc = avcodec_receive_frame(decoder.get(), frame.get());
      if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF) return;
      if (rc < 0) throw DataError(name + ": decoding failed: " + av_error(rc));
      const std::size_t base = audio.samples.size();
      audio.samples.resize(base + static_cast<std::size_t>(frame->nb_samples) * static_cast<std::size_t>(audio.channels));
      float* out = audio.samples.data() + base;
      if (frame->format == AV_SAMPLE_FMT_FLTP) {  // mp3float, vorbis: the common case, planar float
        for (int c = 0; c < audio.channels; ++c) {
          const auto* in = reinterpret_cast<const float*>(frame->extended_data[c]);
          for (int i = 0; i < frame->nb_samples; ++i) out[i * audio.channels + c] = to_s16_float(in[i]);
        }
      } else {
        for (int i = 0; i < frame->nb_samples; ++i)
          for (int c = 0; c < audio.channels; ++c) out[i * audio.channels + c] = sample_as_s16(*frame, c, i, audio.channels);
      }
      av_frame_unref(frame.get());
    }
  };
  while (av_read_frame(format.get(), packet.get()) >= 0) {
    if (packet->stream_index == stream_index) {
      // Like the ffmpeg command line, a corrupt packet is skipped, not fatal.
      if (avcodec_send_packet(decoder.get(), packet.get()) >= 0) drain();
    }
    av_packet_unref(packet.get());
  }
  avcodec_send_packet(decoder.get(), nullptr);
  drain();
  if (audio.samples.empty()) throw DataError(name + ": no audio samples (empty or truncated file)");
  return audio;
}

}  // namespace genrekit::audio
