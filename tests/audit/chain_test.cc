// Unit tests of the canonical serialization and the chain check, without a database.
#include "services/audit/chain.h"

#include <gtest/gtest.h>

#include <vector>

#include "common/crypto/crypto.h"

namespace portal::audit {
namespace {

StoredEvent Event(int64_t sequence) {
  StoredEvent event;
  event.sequence = sequence;
  event.event_id = "0f8fad5b-d9cb-469f-a165-70867728950e";
  event.occurred_at_us = 1700000000000000 + sequence;
  event.recorded_at_us = 1700000000000500 + sequence;
  event.producer = "registration";
  event.actor = "public";
  event.action = "registration.submitted";
  event.registration_reference = "ABCD-EFGH-JKMN";
  event.details = R"({"company_type":"PUBLIC_LIMITED"})";
  return event;
}

std::vector<StoredEvent> Chain(int count) {
  std::vector<StoredEvent> chain;
  std::string previous(kGenesisHash);
  for (int i = 1; i <= count; ++i) {
    StoredEvent event = Event(i);
    event.previous_hash = previous;
    event.hash = ComputeHash(previous, event);
    previous = event.hash;
    chain.push_back(event);
  }
  return chain;
}

VerifyResult Check(const std::vector<StoredEvent>& events) {
  ChainVerifier verifier;
  for (const StoredEvent& event : events) {
    if (!verifier.Check(event)) break;
  }
  return verifier.result();
}

TEST(CanonicalSerialization, PrefixesEachFieldWithItsLength) {
  StoredEvent event;
  event.sequence = 7;
  event.event_id = "id";
  event.occurred_at_us = -5;
  event.recorded_at_us = 10;
  event.producer = "p";
  event.actor = "a";
  event.action = "x.y";
  event.details = "{}";
  const std::string expected = std::string("\0\0\0\x0f", 4) + "portal.audit.v1" +
                               std::string("\0\0\0\x01", 4) + "7" +
                               std::string("\0\0\0\x02", 4) + "id" +
                               std::string("\0\0\0\x02", 4) + "-5" +
                               std::string("\0\0\0\x02", 4) + "10" +
                               std::string("\0\0\0\x01", 4) + "p" +
                               std::string("\0\0\0\x01", 4) + "a" +
                               std::string("\0\0\0\x03", 4) + "x.y" +
                               std::string("\0\0\0\x00", 4) +
                               std::string("\0\0\0\x02", 4) + "{}";
  EXPECT_EQ(CanonicalSerialization(event), expected);
}

TEST(ComputeHash, IsSha256OfPreviousHashAndSerialization) {
  const StoredEvent event = Event(1);
  const std::string expected = crypto::HexEncode(
      crypto::Sha256(std::string(kGenesisHash) + CanonicalSerialization(event)));
  EXPECT_EQ(ComputeHash(kGenesisHash, event), expected);
  EXPECT_EQ(expected.size(), 64u);
}

TEST(ComputeHash, SeparatesAdjacentFields) {
  StoredEvent first = Event(1);
  StoredEvent second = Event(1);
  first.actor = "ab";
  first.action = "c";
  second.actor = "a";
  second.action = "bc";
  EXPECT_NE(ComputeHash(kGenesisHash, first), ComputeHash(kGenesisHash, second));
}

TEST(ChainVerifier, AcceptsIntactChain) {
  const VerifyResult result = Check(Chain(5));
  EXPECT_TRUE(result.intact);
  EXPECT_EQ(result.events_checked, 5);
  EXPECT_EQ(result.head_sequence, 5);
  EXPECT_EQ(result.first_failed_sequence, 0);
}

TEST(ChainVerifier, AcceptsEmptyChain) {
  const VerifyResult result = Check({});
  EXPECT_TRUE(result.intact);
  EXPECT_EQ(result.events_checked, 0);
}

TEST(ChainVerifier, NamesChangedField) {
  std::vector<StoredEvent> chain = Chain(5);
  chain[2].details = R"({"company_type":"PRIVATE_LIMITED_BY_SHARES"})";
  const VerifyResult result = Check(chain);
  EXPECT_FALSE(result.intact);
  EXPECT_EQ(result.first_failed_sequence, 3);
  EXPECT_EQ(result.failure, ChainFailure::kHashMismatch);
}

TEST(ChainVerifier, NamesDeletedEvent) {
  std::vector<StoredEvent> chain = Chain(5);
  chain.erase(chain.begin() + 1);
  const VerifyResult result = Check(chain);
  EXPECT_FALSE(result.intact);
  EXPECT_EQ(result.first_failed_sequence, 2);
  EXPECT_EQ(result.failure, ChainFailure::kSequenceGap);
}

TEST(ChainVerifier, NamesRehashedEventByItsSuccessor) {
  std::vector<StoredEvent> chain = Chain(5);
  chain[1].actor = "someone-else";
  chain[1].hash = ComputeHash(chain[1].previous_hash, chain[1]);
  const VerifyResult result = Check(chain);
  EXPECT_FALSE(result.intact);
  EXPECT_EQ(result.first_failed_sequence, 3);
  EXPECT_EQ(result.failure, ChainFailure::kPreviousHashMismatch);
}

TEST(ChainVerifier, NamesFirstSwappedSequence) {
  std::vector<StoredEvent> chain = Chain(5);
  std::swap(chain[1].sequence, chain[2].sequence);
  std::swap(chain[1], chain[2]);
  const VerifyResult result = Check(chain);
  EXPECT_FALSE(result.intact);
  EXPECT_EQ(result.first_failed_sequence, 2);
  EXPECT_EQ(result.failure, ChainFailure::kHashMismatch);
}

}  // namespace
}  // namespace portal::audit
