#include "usher/invitation/invitation.h"

namespace usher::invitation {

const char* ToString(InvitationStatus s) {
  switch (s) {
    case InvitationStatus::kPending:
      return "pending";
    case InvitationStatus::kAccepted:
      return "accepted";
    case InvitationStatus::kRevoked:
      return "revoked";
  }
  return "pending";
}

const char* ToString(Channel c) { return c == Channel::kSms ? "sms" : "email"; }

const char* ToString(Marker m) {
  switch (m) {
    case Marker::kNone:
      return "none";
    case Marker::kYellow:
      return "yellow";
    case Marker::kRed:
      return "red";
  }
  return "none";
}

const char* ToString(Delivery d) {
  switch (d) {
    case Delivery::kQueued:
      return "queued";
    case Delivery::kSent:
      return "sent";
    case Delivery::kRetrying:
      return "retrying";
    case Delivery::kFailed:
      return "failed";
  }
  return "queued";
}

const char* ToString(MessageKind k) {
  switch (k) {
    case MessageKind::kInvitation:
      return "invitation";
    case MessageKind::kResend:
      return "resend";
    case MessageKind::kReminder:
      return "reminder";
  }
  return "invitation";
}

const char* ToString(SortOrder o) {
  switch (o) {
    case SortOrder::kExpiresAt:
      return "expires_at";
    case SortOrder::kExpiresAtDesc:
      return "-expires_at";
    case SortOrder::kInvitedAt:
      return "invited_at";
    case SortOrder::kInvitedAtDesc:
      return "-invited_at";
    case SortOrder::kLastName:
      return "last_name";
  }
  return "expires_at";
}

std::optional<Marker> ParseMarker(const std::string& s) {
  if (s == "none") return Marker::kNone;
  if (s == "yellow") return Marker::kYellow;
  if (s == "red") return Marker::kRed;
  return std::nullopt;
}

std::optional<Delivery> ParseDelivery(const std::string& s) {
  if (s == "queued") return Delivery::kQueued;
  if (s == "sent") return Delivery::kSent;
  if (s == "retrying") return Delivery::kRetrying;
  if (s == "failed") return Delivery::kFailed;
  return std::nullopt;
}

std::optional<SortOrder> ParseSortOrder(std::string_view s) {
  for (SortOrder o : kSortOrders) {
    if (s == ToString(o)) return o;
  }
  return std::nullopt;
}

}  // namespace usher::invitation
