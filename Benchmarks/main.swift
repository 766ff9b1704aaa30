import DiagnosticRules
print("keywizard-bench")
