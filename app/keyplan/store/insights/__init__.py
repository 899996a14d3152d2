"""What the insights and the dashboard read, in few aggregate queries; SQL built from the
domain's rules.
"""
