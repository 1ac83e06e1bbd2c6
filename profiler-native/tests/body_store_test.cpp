#include <gtest/gtest.h>

#include "body_store.h"

using diagnose::BodyStore;
using diagnose::IlBytes;
using diagnose::ILMapEntry;
using diagnose::StoredBody;
using diagnose::MethodKey;

namespace {

const MethodKey kValue{0x1000, 0x06000001};
const MethodKey kOther{0x1000, 0x06000002};
const MethodKey kElsewhere{0x2000, 0x06000001};

}  // namespace

TEST(BodyStoreTest, UnknownMethodsAreNotFound) {
    BodyStore store;
    std::shared_ptr<const StoredBody> body;
    EXPECT_EQ(store.Find(kValue, &body), BodyStore::Lookup::NotFound);
    EXPECT_EQ(body, nullptr);
}

TEST(BodyStoreTest, StoresACopyOfTheBody) {
    BodyStore store;
    uint8_t il[] = {0x0A, 0x2A};
    store.Put(kValue, il, sizeof(il));
    il[0] = 0xFF;  // the caller's buffer may change or go away after the call
    std::shared_ptr<const StoredBody> body;
    ASSERT_EQ(store.Find(kValue, &body), BodyStore::Lookup::Body);
    EXPECT_EQ(body->il, (IlBytes{0x0A, 0x2A}));
    EXPECT_TRUE(body->map.empty());
    EXPECT_EQ(store.Find(kOther, &body), BodyStore::Lookup::NotFound);
    EXPECT_EQ(store.Find(kElsewhere, &body), BodyStore::Lookup::NotFound);
}

TEST(BodyStoreTest, ALaterBodyReplacesTheEarlierOneWhileReadersKeepTheirCopy) {
    BodyStore store;
    const uint8_t first[] = {0x0A, 0x2A};
    const uint8_t second[] = {0x0E, 0x17, 0x2A};
    store.Put(kValue, first, sizeof(first));
    std::shared_ptr<const StoredBody> held;
    ASSERT_EQ(store.Find(kValue, &held), BodyStore::Lookup::Body);
    store.Put(kValue, second, sizeof(second));
    std::shared_ptr<const StoredBody> now;
    ASSERT_EQ(store.Find(kValue, &now), BodyStore::Lookup::Body);
    EXPECT_EQ(now->il.size(), 3u);
    EXPECT_EQ(held->il.size(), 2u);
    EXPECT_EQ(store.Count(), 1u);
}

TEST(BodyStoreTest, NullIlStoresTheOriginalIlMarker) {
    BodyStore store;
    const uint8_t il[] = {0x0A, 0x2A};
    store.Put(kValue, il, sizeof(il));
    store.Put(kValue, nullptr, 0);
    std::shared_ptr<const StoredBody> body;
    EXPECT_EQ(store.Find(kValue, &body), BodyStore::Lookup::OriginalIl);
    EXPECT_EQ(body, nullptr);
}

TEST(BodyStoreTest, ForgetRemovesOneMethodAndForgetModuleAllOfAModule) {
    BodyStore store;
    const uint8_t il[] = {0x0A, 0x2A};
    store.Put(kValue, il, sizeof(il));
    store.Put(kOther, nullptr, 0);
    store.Put(kElsewhere, il, sizeof(il));
    std::shared_ptr<const StoredBody> body;
    store.Forget(kValue);
    EXPECT_EQ(store.Find(kValue, &body), BodyStore::Lookup::NotFound);
    EXPECT_EQ(store.Find(kOther, &body), BodyStore::Lookup::OriginalIl);
    store.ForgetModule(0x1000);
    EXPECT_EQ(store.Find(kOther, &body), BodyStore::Lookup::NotFound);
    EXPECT_EQ(store.Find(kElsewhere, &body), BodyStore::Lookup::Body);
    EXPECT_EQ(store.Count(), 1u);
}

TEST(BodyStoreTest, StoresACopyOfTheMapAsAccurateRuntimeEntries) {
    BodyStore store;
    const uint8_t il[] = {0x0A, 0x2A};
    ILMapEntry map[] = {{0, 0}, {0, 12}, {1, 20}};
    store.Put(kValue, il, sizeof(il), map, 3);
    map[1].newOffset = 99;  // the caller's buffer may change or go away after the call
    std::shared_ptr<const StoredBody> body;
    ASSERT_EQ(store.Find(kValue, &body), BodyStore::Lookup::Body);
    ASSERT_EQ(body->map.size(), 3u);
    EXPECT_EQ(body->map[1].oldOffset, 0u);
    EXPECT_EQ(body->map[1].newOffset, 12u);
    EXPECT_EQ(body->map[2].oldOffset, 1u);
    EXPECT_EQ(body->map[2].newOffset, 20u);
    for (const auto& entry : body->map) {
        EXPECT_EQ(entry.fAccurate, TRUE);
    }
}
