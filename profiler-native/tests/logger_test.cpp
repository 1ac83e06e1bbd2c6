#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/stat.h>
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

namespace {

mode_t ModeOf(const std::string& path) {
    struct stat info {};
    EXPECT_EQ(::stat(path.c_str(), &info), 0) << path;
    return info.st_mode & 07777;
}

// Sets the file's access and modification times to that many days ago.
void Age(const std::string& path, int days) {
    timespec times[2];
    times[0].tv_sec = times[1].tv_sec = ::time(nullptr) - static_cast<time_t>(days) * 24 * 60 * 60;
    times[0].tv_nsec = times[1].tv_nsec = 0;
    ASSERT_EQ(::utimensat(AT_FDCWD, path.c_str(), times, 0), 0) << path;
}

void Touch(const std::string& path) { std::ofstream(path) << "old\n"; }

}  // namespace

TEST_F(LoggerTest, TheLogIsCreatedReadableByItsOwnerOnlyWhateverTheUmask) {
    const mode_t previous = ::umask(0);
    Logger logger;
    logger.Configure(LogSettings{true, PathOf("mode.log"), LogLevel::Info});
    ::umask(previous);
    ASSERT_TRUE(logger.IsOn());
    logger.Write(LogLevel::Info, "secret");
    EXPECT_EQ(ModeOf(PathOf("mode.log")), 0600u);
}

TEST_F(LoggerTest, AnExistingLogThatOthersCouldReadIsMadeOwnerOnly) {
    fs::create_directories(m_dir);
    Touch(PathOf("wide.log"));
    ASSERT_EQ(::chmod(PathOf("wide.log").c_str(), 0644), 0);
    Logger logger;
    logger.Configure(LogSettings{true, PathOf("wide.log"), LogLevel::Info});
    ASSERT_TRUE(logger.IsOn());
    EXPECT_EQ(ModeOf(PathOf("wide.log")), 0600u);
}

TEST_F(LoggerTest, TheRotatedFileAndItsSuccessorAreOwnerOnly) {
    const mode_t previous = ::umask(0);
    Logger logger;
    LogSettings settings{true, PathOf("rotate.log"), LogLevel::Info};
    settings.maxBytes = 200;
    logger.Configure(settings);
    for (int i = 0; i < 10; ++i) {
        logger.Logf(LogLevel::Info, "%02d %s", i, std::string(50, 'x').c_str());
    }
    ::umask(previous);
    ASSERT_TRUE(fs::exists(PathOf("rotate.log.1")));
    EXPECT_EQ(ModeOf(PathOf("rotate.log")), 0600u);
    EXPECT_EQ(ModeOf(PathOf("rotate.log.1")), 0600u);
}

TEST_F(LoggerTest, ASymbolicLinkInPlaceOfTheLogIsNotFollowed) {
    fs::create_directories(m_dir);
    Touch(PathOf("elsewhere.txt"));
    fs::create_symlink(PathOf("elsewhere.txt"), PathOf("link.log"));
    Logger logger;
    logger.Configure(LogSettings{true, PathOf("link.log"), LogLevel::Info});
    EXPECT_FALSE(logger.IsOn());
    EXPECT_EQ(Lines(PathOf("elsewhere.txt")), std::vector<std::string>{"old"});
}

TEST_F(LoggerTest, LogFilesOlderThanTheKeptDaysArePrunedAtStartOthersStay) {
    fs::create_directories(m_dir);
    for (const char* name : {"diagnose-11.log", "diagnose-11.log.1", "diagnose-12.log", "diagnose-13.log",
                             "app.log", "diagnose-x.log", "diagnose-14.log.2", "notes.txt"}) {
        Touch(PathOf(name));
    }
    Age(PathOf("diagnose-11.log"), 8);
    Age(PathOf("diagnose-11.log.1"), 30);
    Age(PathOf("diagnose-12.log"), 6);  // younger than 7 days: kept
    for (const char* name : {"app.log", "diagnose-x.log", "diagnose-14.log.2", "notes.txt"}) {
        Age(PathOf(name), 30);  // old, but not named like Diagnose's logs: kept
    }
    Logger logger;
    logger.Configure(LogSettings{true, PathOf("diagnose-99.log"), LogLevel::Info});
    ASSERT_TRUE(logger.IsOn());
    EXPECT_EQ(logger.Pruned(), 2);
    EXPECT_FALSE(fs::exists(PathOf("diagnose-11.log")));
    EXPECT_FALSE(fs::exists(PathOf("diagnose-11.log.1")));
    for (const char* name : {"diagnose-12.log", "diagnose-13.log", "app.log", "diagnose-x.log", "diagnose-14.log.2",
                             "notes.txt", "diagnose-99.log"}) {
        EXPECT_TRUE(fs::exists(PathOf(name))) << name;
    }
}

TEST_F(LoggerTest, TheFileAboutToBeUsedIsNeverPrunedAndZeroDaysKeepsEverything) {
    fs::create_directories(m_dir);
    Touch(PathOf("diagnose-5.log"));
    Age(PathOf("diagnose-5.log"), 100);
    Touch(PathOf("diagnose-6.log"));
    Age(PathOf("diagnose-6.log"), 100);
    Logger logger;
    LogSettings settings{true, PathOf("diagnose-5.log"), LogLevel::Info};
    settings.keepDays = 0;
    logger.Configure(settings);
    EXPECT_EQ(logger.Pruned(), 0);
    EXPECT_TRUE(fs::exists(PathOf("diagnose-6.log")));
    settings.keepDays = 7;
    logger.Configure(settings);
    EXPECT_EQ(logger.Pruned(), 1);
    EXPECT_TRUE(fs::exists(PathOf("diagnose-5.log")));
    EXPECT_FALSE(fs::exists(PathOf("diagnose-6.log")));
}

TEST(LogSettingsTest, KeptDaysDefaultToSevenAndAreReadFromTheEnvironment) {
    EXPECT_EQ(ResolveLogSettings(Env({}), 1).keepDays, 7u);
    EXPECT_EQ(ResolveLogSettings(Env({{"DIAGNOSE_LOG_KEEP_DAYS", "30"}}), 1).keepDays, 30u);
    EXPECT_EQ(ResolveLogSettings(Env({{"DIAGNOSE_LOG_KEEP_DAYS", "0"}}), 1).keepDays, 0u);
    EXPECT_EQ(ResolveLogSettings(Env({{"DIAGNOSE_LOG_KEEP_DAYS", "week"}}), 1).keepDays, 7u);
    EXPECT_EQ(ResolveLogSettings(Env({{"DIAGNOSE_LOG_KEEP_DAYS", "-1"}}), 1).keepDays, 7u);
}

TEST(LogSettingsTest, OnlyDiagnoseLogNamesArePrunable) {
    EXPECT_TRUE(diagnose::IsDiagnoseLogFileName("diagnose-1.log"));
    EXPECT_TRUE(diagnose::IsDiagnoseLogFileName("diagnose-4242.log.1"));
    EXPECT_FALSE(diagnose::IsDiagnoseLogFileName("diagnose-.log"));
    EXPECT_FALSE(diagnose::IsDiagnoseLogFileName("diagnose-1.log.2"));
    EXPECT_FALSE(diagnose::IsDiagnoseLogFileName("diagnose-1.logx"));
    EXPECT_FALSE(diagnose::IsDiagnoseLogFileName("mydiagnose-1.log"));
    EXPECT_FALSE(diagnose::IsDiagnoseLogFileName("diagnose-1a.log"));
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
