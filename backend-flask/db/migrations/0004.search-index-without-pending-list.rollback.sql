ALTER INDEX activities_search_idx SET (fastupdate = on);
