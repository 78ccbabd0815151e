#include "core/ca_bundle.h"

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <ctime>
#include <memory>
#include <string>

#include "core/civil_time.h"
#include "core/registry_patch.h"

namespace reghub {
namespace {

struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct X509Free {
  void operator()(X509* cert) const { X509_free(cert); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;
using X509Ptr = std::unique_ptr<X509, X509Free>;

constexpr std::string_view kBegin = "-----BEGIN ";
constexpr std::string_view kDashes = "-----";

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string LineOf(std::string_view text, std::size_t pos) {
  return std::to_string(1 + std::count(text.begin(), text.begin() + static_cast<long>(pos), '\n'));
}

std::string BioText(BIO* bio) {
  char* data = nullptr;
  long size = BIO_get_mem_data(bio, &data);
  return size > 0 ? std::string(data, static_cast<std::size_t>(size)) : std::string();
}

std::string NameText(const X509_NAME* name) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253) < 0) return "";
  return BioText(bio.get());
}

std::int64_t NotAfter(const X509* cert) {
  std::tm tm{};
  if (ASN1_TIME_to_tm(X509_get0_notAfter(cert), &tm) != 1) return 0;
  CivilTime time{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec};
  return CivilToUnixSeconds(time);
}

// Decodes one "-----BEGIN CERTIFICATE-----" block.
X509Ptr DecodeCertificate(std::string_view block) {
  BioPtr bio(BIO_new_mem_buf(block.data(), static_cast<int>(block.size())));
  if (!bio) return nullptr;
  X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  ERR_clear_error();
  return cert;
}

std::string Hex(const unsigned char* data, unsigned int size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < size; ++i) {
    out += kDigits[data[i] >> 4];
    out += kDigits[data[i] & 0xf];
  }
  return out;
}

}  // namespace

Result<CaBundle> ParseCaBundle(std::string_view pem, std::string_view field) {
  std::string name(field);
  if (pem.size() > kMaxCaBundleLength) {
    return Error::InvalidField(
        name, "the CA bundle is larger than " + std::to_string(kMaxCaBundleLength / 1024) + " KiB");
  }
  CaBundle bundle;
  std::string der;
  BioPtr out(BIO_new(BIO_s_mem()));
  if (!out) return Error::Internal("cannot allocate a memory BIO");
  std::size_t pos = 0;
  while (true) {
    while (pos < pem.size() && IsSpace(pem[pos])) ++pos;
    if (pos == pem.size()) break;
    if (pem.substr(pos, kBegin.size()) != kBegin) {
      return Error::InvalidField(name, "unexpected text at line " + LineOf(pem, pos) +
                                           ": only PEM CERTIFICATE blocks "
                                           "(\"-----BEGIN CERTIFICATE-----\" ...) are allowed");
    }
    std::size_t label_start = pos + kBegin.size();
    std::size_t label_end = pem.find(kDashes, label_start);
    std::size_t line_end = pem.find('\n', label_start);
    if (label_end == std::string_view::npos ||
        (line_end != std::string_view::npos && label_end > line_end)) {
      return Error::InvalidField(name, "malformed BEGIN line at line " + LineOf(pem, pos));
    }
    std::string label(pem.substr(label_start, label_end - label_start));
    if (label.find("PRIVATE KEY") != std::string::npos) {
      return Error::InvalidField(
          name, "a private key is not a CA certificate; remove the \"" + label + "\" block");
    }
    std::string end_marker = "-----END " + label + "-----";
    std::size_t end = pem.find(end_marker, label_end);
    if (end == std::string_view::npos) {
      return Error::InvalidField(name, "the PEM block at line " + LineOf(pem, pos) + " has no \"" +
                                           end_marker + "\" line");
    }
    if (label != "CERTIFICATE") {
      return Error::InvalidField(name, "a \"" + label +
                                           "\" PEM block is not a certificate; only "
                                           "CERTIFICATE blocks are allowed");
    }
    std::size_t block_end = end + end_marker.size();
    std::size_t index = bundle.certificates.size() + 1;
    X509Ptr cert = DecodeCertificate(pem.substr(pos, block_end - pos));
    if (!cert) {
      return Error::InvalidField(name, "certificate " + std::to_string(index) + " (line " +
                                           LineOf(pem, pos) + ") is not a valid X.509 certificate");
    }
    unsigned char* encoded = nullptr;
    int length = i2d_X509(cert.get(), &encoded);
    if (length <= 0) return Error::Internal("cannot re-encode a certificate");
    der.append(reinterpret_cast<const char*>(encoded), static_cast<std::size_t>(length));
    OPENSSL_free(encoded);
    if (PEM_write_bio_X509(out.get(), cert.get()) != 1) {
      return Error::Internal("cannot write a certificate as PEM");
    }
    CaCertificateInfo info;
    info.subject = NameText(X509_get_subject_name(cert.get()));
    info.issuer = NameText(X509_get_issuer_name(cert.get()));
    info.not_after = NotAfter(cert.get());
    info.is_ca = X509_check_ca(cert.get()) != 0;
    bundle.certificates.push_back(std::move(info));
    pos = block_end;
  }
  if (bundle.certificates.empty()) {
    return Error::InvalidField(name,
                               "must hold at least one PEM certificate "
                               "(\"-----BEGIN CERTIFICATE-----\" ...)");
  }
  bundle.pem = BioText(out.get());
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_length = 0;
  if (EVP_Digest(der.data(), der.size(), digest, &digest_length, EVP_sha256(), nullptr) != 1) {
    return Error::Internal("cannot compute a SHA-256 digest");
  }
  bundle.fingerprint = Hex(digest, digest_length);
  return bundle;
}

}  // namespace reghub
