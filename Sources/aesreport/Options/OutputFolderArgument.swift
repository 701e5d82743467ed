import AESReportFiles
import AESReportModel
import ArgumentParser

/// Checks a folder named on the command line for writing into (`-o`, `--template`, `templates DIR`): its bytes
/// are UTF-8 (`RawArguments.nonUTF8Problem`) and it is a folder or nothing yet (`OutputLocation.problem`). The
/// collectors show the location problem with its control characters escaped (`escapingProblem`); `report`,
/// `compare` and `templates` have always shown it as it is.
func validateOutputFolder(_ path: String, option: String, escapingProblem: Bool = true) throws {
    if let problem = RawArguments.nonUTF8Problem(path, option: option) { throw ValidationError(problem) }
    if let problem = OutputLocation.problem(folder: path, option: option) {
        throw ValidationError((escapingProblem ? TerminalText.escape(problem) : problem) + ".")
    }
}
