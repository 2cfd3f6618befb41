/*
  spoolscan built-in rule: the EICAR anti-virus test file.
  The signature is written as hex so this rule file is not itself an EICAR file.
*/
rule EICAR_Test_File : test
{
    meta:
        description = "EICAR anti-virus test file"
        severity = "LOW"
    strings:
        // "X5O!P%@AP[4\PZX54(P^)7CC)7}$"
        $head = { 58 35 4F 21 50 25 40 41 50 5B 34 5C 50 5A 58 35 34 28 50 5E 29 37 43 43 29 37 7D 24 }
        // "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!"
        $body = { 45 49 43 41 52 2D 53 54 41 4E 44 41 52 44 2D 41 4E 54 49 56 49 52 55 53 2D 54 45 53 54 2D 46 49 4C 45 21 }
    condition:
        $head at 0 and $body and filesize <= 128
}
