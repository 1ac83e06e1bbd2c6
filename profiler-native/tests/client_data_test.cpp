#include <gtest/gtest.h>

#include <string>

#include "client_data.h"

using diagnose::ParseClientData;

namespace {

diagnose::ClientData Parse(const std::string& text) { return ParseClientData(text.data(), text.size()); }

}  // namespace

TEST(ClientDataTest, DiagnoseVariablesAreTakenInOrder) {
    const auto data = Parse("DIAGNOSE_TEST=1\nDIAGNOSE_SPECS=/var/specs\n");
    ASSERT_EQ(data.variables.size(), 2u);
    EXPECT_EQ(data.variables[0].first, "DIAGNOSE_TEST");
    EXPECT_EQ(data.variables[0].second, "1");
    EXPECT_EQ(data.variables[1].first, "DIAGNOSE_SPECS");
    EXPECT_EQ(data.variables[1].second, "/var/specs");
    EXPECT_TRUE(data.ignoredLines.empty());
}

TEST(ClientDataTest, OtherNamesAndMalformedLinesAreIgnoredAndReported) {
    const auto data = Parse("PATH=/evil\nDIAGNOSE_\nDIAGNOSE_NO_EQUALS\nDIAGNOSE_BAD NAME=x\nDIAGNOSE_OK=yes");
    ASSERT_EQ(data.variables.size(), 1u);
    EXPECT_EQ(data.variables[0].first, "DIAGNOSE_OK");
    EXPECT_EQ(data.variables[0].second, "yes");
    ASSERT_EQ(data.ignoredLines.size(), 4u);
    EXPECT_EQ(data.ignoredLines[0], "PATH=/evil");
}

TEST(ClientDataTest, CrLfEmptyLinesAndNulPaddingAreTolerated) {
    const std::string text("\r\nDIAGNOSE_A=1\r\n\r\nDIAGNOSE_B=2\0\0", 33);
    const auto data = ParseClientData(text.data(), text.size());
    ASSERT_EQ(data.variables.size(), 2u);
    EXPECT_EQ(data.variables[0].second, "1");
    EXPECT_EQ(data.variables[1].first, "DIAGNOSE_B");
    EXPECT_EQ(data.variables[1].second, "2");
    EXPECT_TRUE(data.ignoredLines.empty());
}

TEST(ClientDataTest, ValuesKeepEqualsSignsAndMayBeEmpty) {
    const auto data = Parse("DIAGNOSE_EXPR=a=b==c\nDIAGNOSE_EMPTY=\n");
    ASSERT_EQ(data.variables.size(), 2u);
    EXPECT_EQ(data.variables[0].second, "a=b==c");
    EXPECT_EQ(data.variables[1].second, "");
}

TEST(ClientDataTest, NoDataMeansNothing) {
    EXPECT_TRUE(ParseClientData(nullptr, 10).variables.empty());
    EXPECT_TRUE(ParseClientData("DIAGNOSE_A=1", 0).variables.empty());
}
