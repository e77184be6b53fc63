// A whole project as one JSON document (cereal, versioned), and back into a new file.
#pragma once
#include <string>
#include <vector>

namespace stegvis {

// Every table, every row, every column. A cell is its SQLite type and value as text:
// "n" (NULL), "i:42", "r:0.25" (round-trips exactly), "t:text".
struct BackupTable {
    std::string name;
    std::vector<std::string> columns;
    std::vector<std::vector<std::string>> rows;
};

struct BackupDocument {
    std::string format = "stegvis-backup";
    std::string program;     // the version that wrote it
    std::string exportedAt;  // the only field that differs between two exports of the same file
    int schema = 0;          // the project file's schema version
    std::vector<BackupTable> tables;
};

// Every table of a project, in foreign-key order (a restore inserts them as listed).
const std::vector<std::string>& ProjectTables();

// Reads the project file (checked like any open) into a document and writes it as JSON.
BackupDocument ExportBackup(const std::string& dbPath);
std::string BackupToJson(const BackupDocument& doc);

// Restores a backup into `newDbPath`, which must not exist: all or nothing. Throws DataError
// naming the first problem by its path in the document, e.g. "tables[3].rows[12][2]".
void ImportBackup(const std::string& jsonText, const std::string& sourceName, const std::string& newDbPath);
// A backup file's text for ImportBackup. Throws DataError naming the file when it cannot be read or
// is larger than a backup can be (512 MB), before reading it.
std::string ReadBackupFile(const std::string& path);

}  // namespace stegvis
