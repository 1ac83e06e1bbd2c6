#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "logger.h"

using diagnose::LogLevel;
using diagnose::Logger;
using diagnose::LogSettings;
using diagnose::ResolveLogSettings;

namespace fs = std::filesystem;

namespace {

class LoggerTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() / ("diagnose-logger-test-" + std::to_string(::getpid()) + "-" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }

    std::string PathOf(const char* name) const { return (m_dir / name).string(); }

    static std::vector<std::string> Lines(const std::string& path) {
        std::ifstream in(path);
        std::vector<std::string> lines;
        for (std::string line; std::getline(in, line);) {
            lines.push_back(line);
        }
        return lines;
    }

    fs::path m_dir;
};

diagnose::EnvLookup Env(std::map<std::string, std::string> values) {
    return [values](const char* name) -> std::optional<std::string> {
        const auto it = values.find(name);
        if (it == values.end()) {
            return std::nullopt;
        }
        return it->second;
    };
}

}  // namespace

TEST_F(LoggerTest, WritesTimestampedLinesWithLevelAndThreadAndCreatesTheDirectory) {
    Logger logger;
    logger.Configure(LogSettings{true, PathOf("nested/dir/profiler.log"), LogLevel::Info});
    ASSERT_TRUE(logger.IsOn());
    logger.Write(LogLevel::Info, "hello");
    logger.Logf(LogLevel::Error, "value %d", 42);
    const auto lines = Lines(PathOf("nested/dir/profiler.log"));
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_NE(lines[0].find("Z [INFO ] [tid "), std::string::npos) << lines[0];
    EXPECT_EQ(lines[0].substr(lines[0].size() - 5), "hello");
    EXPECT_NE(lines[1].find("[ERROR]"), std::string::npos);
    EXPECT_NE(lines[1].find("value 42"), std::string::npos);
    EXPECT_EQ(lines[0][4], '-');  // 2026-11-22T...
    EXPECT_EQ(lines[0][10], 'T');
}

TEST_F(LoggerTest, LinesBelowTheLevelAreDropped) {
    Logger logger;
    logger.Configure(LogSettings{true, PathOf("level.log"), LogLevel::Warning});
    logger.Write(LogLevel::Debug, "debug");
    logger.Write(LogLevel::Info, "info");
    logger.Write(LogLevel::Warning, "warning");
    logger.Write(LogLevel::Error, "error");
    EXPECT_FALSE(logger.IsEnabled(LogLevel::Info));
    EXPECT_TRUE(logger.IsEnabled(LogLevel::Error));
    const auto lines = Lines(PathOf("level.log"));
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_NE(lines[0].find("warning"), std::string::npos);
    EXPECT_NE(lines[1].find("error"), std::string::npos);
}

TEST_F(LoggerTest, RotatesPastTheLimitKeepingOneOldFile) {
    Logger logger;
    LogSettings settings{true, PathOf("rotate.log"), LogLevel::Info};
    settings.maxBytes = 1000;
    logger.Configure(settings);
    const std::string payload(100, 'x');
    for (int i = 0; i < 35; ++i) {
        logger.Logf(LogLevel::Info, "%02d %s", i, payload.c_str());
    }
    ASSERT_TRUE(fs::exists(PathOf("rotate.log.1")));
    EXPECT_LE(fs::file_size(PathOf("rotate.log")), 1000u);
    EXPECT_LE(fs::file_size(PathOf("rotate.log.1")), 1000u);
    EXPECT_FALSE(fs::exists(PathOf("rotate.log.2")));
    const auto current = Lines(PathOf("rotate.log"));
    ASSERT_FALSE(current.empty());
    EXPECT_NE(current.back().find("34 xxx"), std::string::npos);  // the newest line is in the current file
}

TEST_F(LoggerTest, OffMeansNoFileAndNoPath) {
    const auto settings = ResolveLogSettings(Env({{"DIAGNOSE_LOG", "OFF"}, {"TMPDIR", m_dir.string()}}), 42);
    EXPECT_FALSE(settings.enabled);
    Logger logger;
    logger.Configure(settings);
    logger.Write(LogLevel::Error, "nothing");
    EXPECT_FALSE(logger.IsOn());
    EXPECT_EQ(logger.Path(), "");
    EXPECT_FALSE(fs::exists(m_dir));
}

TEST_F(LoggerTest, ConcurrentWritersProduceWholeLines) {
    Logger logger;
    logger.Configure(LogSettings{true, PathOf("threads.log"), LogLevel::Debug});
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&logger, t] {
            for (int i = 0; i < 200; ++i) {
                logger.Logf(LogLevel::Debug, "thread %d line %d end", t, i);
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    const auto lines = Lines(PathOf("threads.log"));
    ASSERT_EQ(lines.size(), 800u);
    for (const auto& line : lines) {
        EXPECT_EQ(line.substr(line.size() - 3), "end");
    }
}

TEST(LogSettingsTest, DefaultPathHonorsTmpdirAndPid) {
    EXPECT_EQ(ResolveLogSettings(Env({}), 1234).path, "/tmp/diagnose/diagnose-1234.log");
    EXPECT_EQ(ResolveLogSettings(Env({{"TMPDIR", "/var/tmp/"}}), 7).path, "/var/tmp/diagnose/diagnose-7.log");
    EXPECT_EQ(ResolveLogSettings(Env({{"TMPDIR", ""}, {"DIAGNOSE_LOG", ""}}), 7).path, "/tmp/diagnose/diagnose-7.log");
    const auto settings = ResolveLogSettings(Env({}), 1);
    EXPECT_TRUE(settings.enabled);
    EXPECT_EQ(settings.level, LogLevel::Info);
    EXPECT_EQ(settings.maxBytes, 4u * 1024u * 1024u);
}

TEST(LogSettingsTest, ExplicitPathAndLevels) {
    const auto settings =
        ResolveLogSettings(Env({{"DIAGNOSE_LOG", "/x/y.log"}, {"DIAGNOSE_LOG_LEVEL", "Debug"}}), 1);
    EXPECT_EQ(settings.path, "/x/y.log");
    EXPECT_EQ(settings.level, LogLevel::Debug);
    EXPECT_EQ(ResolveLogSettings(Env({{"DIAGNOSE_LOG_LEVEL", "warning"}}), 1).level, LogLevel::Warning);
    EXPECT_EQ(ResolveLogSettings(Env({{"DIAGNOSE_LOG_LEVEL", "ERROR"}}), 1).level, LogLevel::Error);
    EXPECT_EQ(ResolveLogSettings(Env({{"DIAGNOSE_LOG_LEVEL", "verbose"}}), 1).level, LogLevel::Info);
}
