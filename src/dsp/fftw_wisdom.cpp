#include "fftw_planner.h"

#include <fftw3.h>

namespace genrekit::dsp {

namespace {

// FFTW's plans for the two real transforms every clip runs thousands of times: 2048 points (the
// STFT) and 256 (the CQT's octaves at 22,050 Hz and below). FFTW_ESTIMATE picks them by a model
// that is 10 % (2048) and 30 % (256) slower here than the plans FFTW_MEASURE finds; measuring at
// run time would choose by timing, so the values could change from one run to the next. These
// plans were measured once (scripts/record_fftw_wisdom.sh on an AMD EPYC, Zen 4, the fastest of
// several recordings) and are used wherever FFTW 3.3.10 runs with AVX; elsewhere FFTW rejects or
// cannot apply them and plans by its estimate, as before.
constexpr const char* kRecordedWisdom = R"((fftw-3.3.10 fftw_wisdom #x458a31c8 #x92381c4c #x4f974889 #xcd46f97e
  (fftw_codelet_r2cfII_2 2 #x11bdd #x11bdd #x0 #x7650576c #xaf9d0ae1 #x826e803c #xd781edb3)
  (fftw_codelet_r2cf_2 2 #x11bdd #x11bdd #x0 #xf0d96050 #xfa5d6f50 #xf29d1600 #xa5ada0d0)
  (fftw_codelet_t2fv_8_avx 0 #x11bdd #x11bdd #x0 #x2f62ee2a #xfc02dfdb #x3154f965 #x956f2faa)
  (fftw_codelet_n2fv_32_avx 0 #x11bdd #x11bdd #x0 #xfacc7de5 #x6d194dae #x7a176acb #x2f7c1f25)
  (fftw_codelet_hc2cfdftv_2_avx 0 #x11bdd #x11bdd #x0 #x4fc99822 #xf85b48fc #x7d0a0313 #x81834ad0)
  (fftw_codelet_hc2cfdftv_2_avx 0 #x11bdd #x11bdd #x0 #xfee68690 #xad28e91e #x220cee4d #x14ded02f)
  (fftw_codelet_t2fv_32_avx 0 #x11bdd #x11bdd #x0 #x9208a52b #x2d2ad097 #x6067ffe4 #xcda7baf8)
  (fftw_codelet_r2cfII_2 2 #x11bdd #x11bdd #x0 #x326e1847 #x46d0d5f5 #xb2f15e22 #xf96e89af)
  (fftw_codelet_r2cf_2 2 #x11bdd #x11bdd #x0 #x5e097b05 #x6e0d6250 #xbd8a700a #xb202d582)
  (fftw_codelet_n2fv_16_avx 0 #x11bdd #x11bdd #x0 #xb5a86955 #x68c60db1 #xc0cd4303 #xc6c1dcad)
))";

}  // namespace

void use_recorded_fftw_wisdom() {
  static const bool imported = fftw_import_wisdom_from_string(kRecordedWisdom) != 0;
  (void)imported;  // without it, the estimate's plans
}

}  // namespace genrekit::dsp
