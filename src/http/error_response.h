#pragma once

#include <nlohmann/json_fwd.hpp>

#include "core/error.h"
#include "http/http_message.h"

namespace reghub::http {

int HttpStatusFor(ErrorCode code);
// {"error":{"code","message","details":[{"field","message"}]}} with the status for its code.
HttpResponse ErrorResponse(const Error& error);
HttpResponse JsonResponse(int status, const nlohmann::json& body);

}  // namespace reghub::http
